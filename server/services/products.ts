import { and, asc, count, desc, eq, gt, gte, ilike, lte } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { products } from '../../drizzle/schema'
import type { ProductJson } from '../../shared/types/api'
import type { ProductListQuery, ProductSortField } from '../../shared/schemas/products'
import { centsToAmount } from '../../shared/utils/money'
import { toPage } from '../../shared/utils/pagination'
import type { Database } from '../database/client'

type ProductRow = typeof products.$inferSelect

const SORT_COLUMNS = {
  created_at: products.createdAt,
  name: products.name,
  price: products.priceCents,
  stock: products.stock,
} satisfies Record<ProductSortField, unknown>

/** `%` and `_` in a keyword are literal characters, not wildcards. */
export function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, c => `\\${c}`)
}

export function toProductJson(row: ProductRow, { admin = false } = {}): ProductJson {
  const json: ProductJson = {
    id: row.id,
    name: row.name,
    description: row.description,
    category: row.category,
    price: centsToAmount(row.priceCents),
    stock: row.stock,
    sku: row.sku,
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
  if (admin) {
    json.cost = row.costCents === null ? null : centsToAmount(row.costCents)
    json.margin_percentage = row.costCents === null || row.priceCents === 0
      ? null
      : Math.round(((row.priceCents - row.costCents) / row.priceCents) * 10_000) / 100
  }
  return json
}

export async function listProducts(db: Database, query: ProductListQuery, { admin = false } = {}) {
  const filters: SQL[] = []
  if (!(admin && query.include_inactive)) filters.push(eq(products.isActive, true))
  if (query.keyword) filters.push(ilike(products.name, `%${escapeLike(query.keyword)}%`))
  if (query.min_price !== undefined) filters.push(gte(products.priceCents, query.min_price))
  if (query.max_price !== undefined) filters.push(lte(products.priceCents, query.max_price))
  if (query.in_stock_only) filters.push(gt(products.stock, 0))
  const where = and(...filters)

  const order = query.order ?? (query.sort_by === 'created_at' ? 'desc' : 'asc')
  const direction = order === 'asc' ? asc : desc
  const [rows, [totals]] = await Promise.all([
    db.select().from(products).where(where)
      // The id breaks ties so that pages never repeat or skip a product.
      .orderBy(direction(SORT_COLUMNS[query.sort_by]), direction(products.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    db.select({ total: count() }).from(products).where(where),
  ])
  return toPage(rows.map(row => toProductJson(row, { admin })), totals?.total ?? 0, query.page, query.limit)
}
