import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lte, max, ne, sum } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import type { Storage } from 'unstorage'
import { catalogChanges, orderItems, orders, products, stockMovements } from '../../drizzle/schema'
import type { BestSellerJson, ProductJson, StockMovementJson } from '#shared/types/api'
import type { ProductCreateInput, ProductListQuery, ProductSortField, ProductUpdateInput, StockChangeInput } from '#shared/schemas/products'
import { productImage } from '#shared/utils/images'
import { amountToCents, centsToAmount } from '#shared/utils/money'
import { toPage } from '#shared/utils/pagination'
import { netOfGross, vatRateFromBp, vatRateToBp } from '#shared/utils/vat'
import type { Page } from '#shared/utils/pagination'
import type { Database } from '../database/client'
import { readPage } from '../database/pages'
import type { PageWindow } from '../database/pages'
import { afterCommit } from '../database/commit'
import { announceCatalogChange } from '#platform/catalog'
import { apiError } from '../lib/errors'
import { invalidateCatalog } from '../lib/catalog-versions'
import { removeImageFiles } from '../lib/image-files'
import { recordAudit } from './audit'
import type { Actor } from './audit'

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
    vat_rate: vatRateFromBp(row.vatRateBp),
    weight_grams: row.weightGrams,
    stock: row.stock,
    sku: row.sku,
    is_active: row.isActive,
    image: productImage(row.imageKey),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
  if (admin) {
    json.cost = row.costCents === null ? null : centsToAmount(row.costCents)
    // On the price without VAT: the VAT is the state's, not the shop's.
    const netCents = netOfGross(row.priceCents, row.vatRateBp)
    json.margin_percentage = row.costCents === null || netCents === 0
      ? null
      : Math.round(((netCents - row.costCents) / netCents) * 10_000) / 100
  }
  return json
}

/** The two statements behind a product list: the page of rows and the total (exported for EXPLAIN checks). */
export function productListQueries(db: Database, query: ProductListQuery, { admin = false } = {}) {
  const filters: SQL[] = []
  if (admin && query.is_active !== undefined) filters.push(eq(products.isActive, query.is_active))
  else if (!(admin && query.include_inactive)) filters.push(eq(products.isActive, true))
  if (query.keyword) filters.push(ilike(products.name, `%${escapeLike(query.keyword)}%`))
  if (query.min_price !== undefined) filters.push(gte(products.priceCents, query.min_price))
  if (query.max_price !== undefined) filters.push(lte(products.priceCents, query.max_price))
  if (query.in_stock_only) filters.push(gt(products.stock, 0))
  const where = and(...filters)

  const order = query.order ?? (query.sort_by === 'created_at' ? 'desc' : 'asc')
  const direction = order === 'asc' ? asc : desc
  // The id breaks ties so that pages never repeat or skip a product.
  const sorted = [direction(SORT_COLUMNS[query.sort_by]), direction(products.id)]
  // A deferred join: the page's ids are found in the (is_active, column, id) index alone,
  // and only those rows are read, so page 700 skips index entries, not whole rows.
  const pageIds = db.select({ id: products.id }).from(products).where(where)
    .orderBy(...sorted)
    .limit(query.limit)
    .offset((query.page - 1) * query.limit)
  return {
    rows: db.select().from(products).where(inArray(products.id, pageIds)).orderBy(...sorted),
    total: db.select({ total: count() }).from(products).where(where),
  }
}

/** One page of a product list, without its total. */
export async function productListRows(db: Database, query: ProductListQuery, { admin = false } = {}): Promise<ProductJson[]> {
  const rows = await productListQueries(db, query, { admin }).rows
  return rows.map(row => toProductJson(row, { admin }))
}

/** How many products a list's filters match, whatever its page and sort. */
export async function countProducts(db: Database, query: ProductListQuery, { admin = false } = {}) {
  const [totals] = await productListQueries(db, query, { admin }).total
  return totals?.total ?? 0
}

export async function listProducts(db: Database, query: ProductListQuery, { admin = false } = {}): Promise<Page<ProductJson>> {
  const [rows, total] = await Promise.all([productListRows(db, query, { admin }), countProducts(db, query, { admin })])
  return toPage(rows, total, query.page, query.limit)
}

/**
 * After a change to these products (`*`: to any number), in the change's transaction: it is
 * announced to the other instances with its commit (#platform/catalog: NOTIFY on Node, a
 * row the edge's isolates read), and this one bumps its catalog versions as soon as the
 * commit is done. The payload names the products (a NOTIFY carries 8,000 bytes: `*` for more).
 */
export async function catalogChanged(db: Database, productIds: readonly string[] | '*') {
  const payload = productIds === '*' || productIds.length > 100 ? '*' : productIds.join(',')
  await announceCatalogChange(db, payload)
  afterCommit(db, () => invalidateCatalog(productIds))
}

/** The catalog changes the edge recorded after change `afterId` (at most `limit`), oldest first. */
export function catalogChangesSince(db: Database, afterId: number, limit: number) {
  return db.select({ id: catalogChanges.id, productIds: catalogChanges.productIds }).from(catalogChanges)
    .where(gt(catalogChanges.id, afterId)).orderBy(asc(catalogChanges.id)).limit(limit)
}

/** The newest recorded change's id (0 for none). */
export async function lastCatalogChange(db: Database) {
  const [row] = await db.select({ id: max(catalogChanges.id) }).from(catalogChanges)
  return row?.id ?? 0
}

/** One product; an inactive one only for admins. */
export async function getProduct(db: Database, id: string, { admin = false } = {}): Promise<ProductJson | undefined> {
  const [row] = await db.select().from(products).where(and(eq(products.id, id), admin ? undefined : eq(products.isActive, true)))
  return row ? toProductJson(row, { admin }) : undefined
}

/** Active products by units sold in orders that were not cancelled. */
export async function bestSellers(db: Database, limit: number): Promise<BestSellerJson[]> {
  const units = sum(orderItems.quantity).mapWith(Number)
  const rows = await db.select({ product: products, units })
    .from(orderItems)
    .innerJoin(orders, and(eq(orders.id, orderItems.orderId), ne(orders.status, 'cancelled')))
    .innerJoin(products, and(eq(products.id, orderItems.productId), eq(products.isActive, true)))
    .groupBy(products.id)
    .orderBy(desc(units), asc(products.id))
    .limit(limit)
  return rows.map(row => ({ ...toProductJson(row.product), units_sold: row.units }))
}

/** Active products at or below `threshold` units, the emptiest first. */
export async function lowStock(db: Database, query: { threshold: number, page: number, limit: number }): Promise<Page<ProductJson>> {
  const where = and(eq(products.isActive, true), lte(products.stock, query.threshold))
  return readPage(db, query, {
    table: products,
    where,
    rows: async window => (await db.select().from(products).where(where).orderBy(asc(products.stock), asc(products.name), asc(products.id))
      .limit(window.limit).offset(window.offset)).map(row => toProductJson(row, { admin: true })),
  })
}

async function assertSkuFree(db: Database, sku: string | null | undefined, exceptId?: string) {
  if (!sku) return
  const [clash] = await db.select({ id: products.id }).from(products)
    .where(and(eq(products.sku, sku), exceptId ? ne(products.id, exceptId) : undefined))
  if (clash) throw apiError(409, 'SKU already used', { details: { sku: ['Another product has this SKU'] } })
}

export function columnsOf(input: Partial<Omit<ProductCreateInput, 'stock'>>) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.category !== undefined ? { category: input.category || null } : {}),
    ...(input.price !== undefined ? { priceCents: amountToCents(input.price) } : {}),
    ...(input.cost !== undefined ? { costCents: input.cost === null ? null : amountToCents(input.cost) } : {}),
    ...(input.sku !== undefined ? { sku: input.sku || null } : {}),
    ...(input.is_active !== undefined ? { isActive: input.is_active } : {}),
    ...(input.vat_rate !== undefined ? { vatRateBp: vatRateToBp(input.vat_rate)! } : {}),
    ...(input.weight_grams !== undefined ? { weightGrams: input.weight_grams } : {}),
  }
}

export async function createProduct(db: Database, input: ProductCreateInput, actor: Actor): Promise<ProductJson> {
  return db.transaction(async (tx) => {
    await assertSkuFree(tx, input.sku)
    const stock = input.stock ?? 0
    const [row] = await tx.insert(products).values({ name: input.name, priceCents: amountToCents(input.price), ...columnsOf(input), stock }).returning()
    if (stock > 0) {
      await tx.insert(stockMovements).values({ productId: row!.id, delta: stock, stockAfter: stock, reason: 'initial', actorId: actor.id })
    }
    const json = toProductJson(row!, { admin: true })
    await recordAudit(tx, actor, { action: 'product.create', entity: 'product', entityId: row!.id, after: json })
    await catalogChanged(tx, [row!.id])
    return json
  })
}

export async function updateProduct(db: Database, id: string, input: ProductUpdateInput, actor: Actor): Promise<ProductJson> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(products).where(eq(products.id, id)).for('update')
    if (!before) throw apiError(404, 'Product not found')
    await assertSkuFree(tx, input.sku, id)
    const [row] = await tx.update(products).set(columnsOf(input)).where(eq(products.id, id)).returning()
    const json = toProductJson(row!, { admin: true })
    await recordAudit(tx, actor, { action: 'product.update', entity: 'product', entityId: id, before: toProductJson(before, { admin: true }), after: json })
    await catalogChanged(tx, [id])
    return json
  })
}

/** A product that was ever ordered stays, for the books: it can be deactivated instead. */
export async function deleteProduct(db: Database, images: Storage, id: string, actor: Actor) {
  const imageKey = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(products).where(eq(products.id, id)).for('update')
    if (!before) throw apiError(404, 'Product not found')
    const [ordered] = await tx.select({ id: orderItems.id }).from(orderItems).where(eq(orderItems.productId, id)).limit(1)
    if (ordered) throw apiError(409, 'This product appears in orders and cannot be deleted; deactivate it instead')
    await tx.delete(products).where(eq(products.id, id))
    await recordAudit(tx, actor, { action: 'product.delete', entity: 'product', entityId: id, before: toProductJson(before, { admin: true }) })
    await catalogChanged(tx, [id])
    return before.imageKey
  })
  await removeImageFiles(images, imageKey)
}

/**
 * Sets the stock (`stock`) or moves it (`delta`) under a row lock, never below zero, and
 * writes the ledger row (who, how much, the level after, why) and the audit row.
 */
export async function changeStock(db: Database, id: string, input: StockChangeInput, actor: Actor): Promise<ProductJson> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(products).where(eq(products.id, id)).for('update')
    if (!before) throw apiError(404, 'Product not found')
    const target = input.stock ?? before.stock + input.delta!
    if (target < 0) throw apiError(409, `Not enough stock: ${before.stock} in stock, cannot remove ${-input.delta!}`, { details: { delta: ['Stock cannot go below zero'] } })
    if (target === before.stock) return toProductJson(before, { admin: true })
    const [row] = await tx.update(products).set({ stock: target }).where(eq(products.id, id)).returning()
    await tx.insert(stockMovements).values({ productId: id, delta: target - before.stock, stockAfter: target, reason: 'adjustment', note: input.reason || null, actorId: actor.id })
    await recordAudit(tx, actor, { action: 'product.stock', entity: 'product', entityId: id, before: { stock: before.stock }, after: { stock: target, reason: input.reason ?? null } })
    await catalogChanged(tx, [id])
    return toProductJson(row!, { admin: true })
  })
}

/** The stock ledger of one product, newest first. */
export async function stockHistory(db: Database, productId: string, query: { page: number, limit: number }): Promise<Page<StockMovementJson>> {
  const where = eq(stockMovements.productId, productId)
  const rows = async (window: PageWindow) => (await db.select().from(stockMovements).where(where)
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(window.limit).offset(window.offset)).map(row => ({
    id: row.id,
    delta: row.delta,
    stock_after: row.stockAfter,
    reason: row.reason,
    note: row.note,
    actor_id: row.actorId,
    order_id: row.orderId,
    created_at: row.createdAt.toISOString(),
  }))
  return readPage(db, query, { table: stockMovements, where, rows })
}

/** Ids and last changes of every active product, for the sitemap (50,000 is the format's limit per file). */
export function activeProductUrls(db: Database) {
  return db.select({ id: products.id, updatedAt: products.updatedAt }).from(products)
    .where(eq(products.isActive, true)).orderBy(desc(products.updatedAt)).limit(50_000)
}

/**
 * What a cart's lines weigh and cost now (VAT included), from the catalog's active
 * products, never from the client: the delivery and discount quotes both start here.
 */
export async function weighCart(db: Database, items: { product_id: string, quantity: number }[]) {
  const rows = await db.select({ id: products.id, priceCents: products.priceCents, weightGrams: products.weightGrams }).from(products)
    .where(and(inArray(products.id, items.map(item => item.product_id)), eq(products.isActive, true)))
  const byId = new Map(rows.map(row => [row.id, row]))
  return items.reduce((sum, item) => {
    const product = byId.get(item.product_id)
    return product ? { weightGrams: sum.weightGrams + product.weightGrams * item.quantity, goodsGrossCents: sum.goodsGrossCents + product.priceCents * item.quantity } : sum
  }, { weightGrams: 0, goodsGrossCents: 0 })
}
