import { PRODUCT_SORT_FIELDS } from '../schemas/products'
import type { ProductSortField } from '../schemas/products'

/** The storefront catalog's filters, as the page reads them from its URL and asks the API for them. */
export interface ProductListParams {
  page?: number
  limit?: number
  sort_by?: ProductSortField
  order?: 'asc' | 'desc'
  keyword?: string
  min_price?: number
  max_price?: number
  in_stock_only?: boolean
}

/** A URL query as the router (and h3's getQuery) gives it. */
type QueryParameter = string | null | (string | null)[] | undefined
export type UrlQuery = Record<string, QueryParameter>

/** One non-empty value of a URL query parameter; repeated or empty parameters count as absent. */
export const queryValue = (value: QueryParameter) => (typeof value === 'string' && value ? value : undefined)
const amount = (value: string | undefined) => (value && /^\d{1,7}(?:\.\d{1,2})?$/.test(value) ? Number(value) : undefined)

/** The storefront's filters from a URL query: whatever is malformed is dropped, never sent on. */
export function filtersFromQuery(query: UrlQuery): ProductListParams {
  const page = Number(queryValue(query.page))
  const sortBy = queryValue(query.sort_by)
  const order = queryValue(query.order)
  const keyword = queryValue(query.keyword)?.trim().slice(0, 100)
  return {
    ...(Number.isInteger(page) && page > 1 ? { page } : {}),
    ...((PRODUCT_SORT_FIELDS as readonly string[]).includes(sortBy ?? '') ? { sort_by: sortBy as ProductSortField } : {}),
    ...(order === 'asc' || order === 'desc' ? { order } : {}),
    ...(keyword ? { keyword } : {}),
    ...(amount(queryValue(query.min_price)) !== undefined ? { min_price: amount(queryValue(query.min_price)) } : {}),
    ...(amount(queryValue(query.max_price)) !== undefined ? { max_price: amount(queryValue(query.max_price)) } : {}),
    ...(queryValue(query.in_stock_only) === 'true' ? { in_stock_only: true } : {}),
  }
}

/** The URL query for some filters: only what differs from the defaults, so links stay short. */
export function queryFromFilters(filters: ProductListParams): Record<string, string> {
  return Object.fromEntries(Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== '' && value !== false)
    .map(([key, value]) => [key, String(value)]))
}
