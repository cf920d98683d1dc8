import * as v from 'valibot'
import { VAT_RATES } from '../utils/vat'
import { Amount, Keyword, PaginationQuery, QueryAmount, QueryBoolean, QueryFilterFlag, SortOrder, WholeNumber } from './common'

export const PRODUCT_SORT_FIELDS = ['created_at', 'name', 'price', 'stock'] as const
export type ProductSortField = typeof PRODUCT_SORT_FIELDS[number]

export const MAX_STOCK = 1_000_000

const listFields = {
  ...PaginationQuery,
  sort_by: v.optional(v.picklist(PRODUCT_SORT_FIELDS, `sort_by must be one of ${PRODUCT_SORT_FIELDS.join(', ')}`), 'created_at'),
  order: SortOrder,
  min_price: QueryAmount('min_price'),
  max_price: QueryAmount('max_price'),
  in_stock_only: QueryBoolean('in_stock_only'),
  include_inactive: QueryBoolean('include_inactive'),
  /** Admins only: just the active (`true`) or just the inactive (`false`) products. */
  is_active: QueryFilterFlag('is_active'),
}
const RANGE_MESSAGE = 'max_price must not be below min_price'
const inPriceOrder = <T extends { min_price?: number, max_price?: number }>(q: T) => q.min_price === undefined || q.max_price === undefined || q.min_price <= q.max_price

/** The list's parameters one by one (a page reads its URL with them: composables/useListQuery.ts). */
export const ProductListFilters = v.object({ ...listFields, keyword: v.optional(Keyword) })
export const ProductListQuery = v.pipe(ProductListFilters, v.forward(v.check(inPriceOrder, RANGE_MESSAGE), ['max_price']))
export type ProductListQuery = v.InferOutput<typeof ProductListQuery>

/** `/search` is the list with a keyword it cannot do without. */
export const ProductSearchQuery = v.pipe(
  // A missing keyword reads as an empty one, so both get the same message.
  v.object({ ...listFields, keyword: v.pipe(v.optional(v.string('keyword must be text'), ''), Keyword, v.nonEmpty('keyword is required')) }),
  v.forward(v.check(inPriceOrder, RANGE_MESSAGE), ['max_price']),
)

export const BestSellersQuery = v.object({
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit must be a positive whole number'), v.transform(Number), v.minValue(1, 'limit must be at least 1'), v.transform(n => Math.min(n, 50))), '10'),
})

export const LowStockQuery = v.object({
  ...PaginationQuery,
  threshold: v.optional(v.pipe(v.string(), v.regex(/^\d{1,7}$/, 'threshold must be a whole number'), v.transform(Number)), '10'),
})

const Name = v.pipe(v.string('name is required'), v.trim(), v.nonEmpty('name is required'), v.maxLength(200, 'name is at most 200 characters'))
const Sku = v.pipe(v.string('sku must be text'), v.trim(), v.regex(/^[A-Za-z0-9._-]{1,64}$/, 'sku is 1 to 64 letters, digits, dots, dashes or underscores'))
/** A blank SKU is no SKU: a form's empty field, like null, clears it. */
const NoSku = v.pipe(v.string(), v.trim(), v.length(0), v.transform(() => null))
const productFields = {
  name: Name,
  price: Amount('price'),
  description: v.optional(v.pipe(v.string('description must be text'), v.maxLength(5000, 'description is at most 5000 characters'))),
  category: v.optional(v.nullable(v.pipe(v.string('category must be text'), v.trim(), v.maxLength(50, 'category is at most 50 characters')))),
  cost: v.optional(v.nullable(Amount('cost'))),
  stock: v.optional(WholeNumber('stock', 0, MAX_STOCK)),
  sku: v.optional(v.nullable(v.union([Sku, NoSku], 'sku must be text'))),
  is_active: v.optional(v.boolean('is_active must be true or false')),
  /** Per cent, one of the French rates (prices include it). */
  vat_rate: v.optional(v.picklist(VAT_RATES, `vat_rate must be one of ${VAT_RATES.join(', ')}`)),
  /** Packed weight in grams, which shipping prices by (up to 100 kg). */
  weight_grams: v.optional(WholeNumber('weight_grams', 0, 100_000)),
}

export const ProductCreateInput = v.object(productFields)
export type ProductCreateInput = v.InferOutput<typeof ProductCreateInput>

/** A CSV import row that updates a product: any field, stock included (set, with a ledger row). */
export const ProductImportUpdate = v.partial(v.object(productFields))

/** A partial update: any of the same fields (stock moves through PATCH /stock, with the ledger). */
export const ProductUpdateInput = v.pipe(
  v.partial(v.object({ ...productFields, stock: v.optional(v.never('stock changes through PATCH /api/products/:id/stock')) })),
  v.check(input => Object.keys(input).length > 0, 'nothing to update'),
)
export type ProductUpdateInput = v.InferOutput<typeof ProductUpdateInput>

export const StockChangeInput = v.pipe(
  v.object({
    stock: v.optional(WholeNumber('stock', 0, MAX_STOCK)),
    delta: v.optional(v.pipe(WholeNumber('delta', -MAX_STOCK, MAX_STOCK), v.notValue(0, 'delta must not be 0'))),
    reason: v.optional(v.pipe(v.string('reason must be text'), v.trim(), v.maxLength(200, 'reason is at most 200 characters'))),
  }),
  v.check(input => (input.stock === undefined) !== (input.delta === undefined), 'give either stock (the new level) or delta (the change), not both'),
)
export type StockChangeInput = v.InferOutput<typeof StockChangeInput>
