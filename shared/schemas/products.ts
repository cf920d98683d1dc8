import * as v from 'valibot'
import { PaginationQuery, QueryAmount, QueryBoolean, SortOrder } from './common'

export const PRODUCT_SORT_FIELDS = ['created_at', 'name', 'price', 'stock'] as const
export type ProductSortField = typeof PRODUCT_SORT_FIELDS[number]

export const ProductListQuery = v.pipe(
  v.object({
    ...PaginationQuery,
    sort_by: v.optional(v.picklist(PRODUCT_SORT_FIELDS, `sort_by must be one of ${PRODUCT_SORT_FIELDS.join(', ')}`), 'created_at'),
    order: SortOrder,
    keyword: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'keyword is at most 100 characters'))),
    min_price: QueryAmount('min_price'),
    max_price: QueryAmount('max_price'),
    in_stock_only: QueryBoolean('in_stock_only'),
    include_inactive: QueryBoolean('include_inactive'),
  }),
  v.forward(
    v.check(q => q.min_price === undefined || q.max_price === undefined || q.min_price <= q.max_price, 'max_price must not be below min_price'),
    ['max_price'],
  ),
)
export type ProductListQuery = v.InferOutput<typeof ProductListQuery>
