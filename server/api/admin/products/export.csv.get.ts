import * as v from 'valibot'
import { PRODUCT_CSV_COLUMNS } from '#shared/schemas/product-import'
import { ProductListQuery } from '#shared/schemas/products'
import { listProducts } from '../../../services/products'

/** The admin product table as CSV, with the same filters (keyword, is_active), every page at once. */
export default defineEventHandler(async (event) => {
  requireAdmin(event)
  const query = await getValidatedQuery(event, v.parser(ProductListQuery))
  const { data } = await listProducts(useDb(), { ...query, include_inactive: true, page: 1, limit: 50_000, sort_by: 'name', order: 'asc' }, { admin: true })
  setResponseHeaders(event, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="comptoir-products-${new Date().toISOString().slice(0, 10)}.csv"`,
  })
  return toCsv([[...PRODUCT_CSV_COLUMNS], ...data.map(p => [p.sku, p.name, p.category, p.price, p.vat_rate, p.cost ?? null, p.stock, p.is_active, p.description])])
})
