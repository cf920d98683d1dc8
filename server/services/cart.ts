import { and, eq, inArray } from 'drizzle-orm'
import { cartItems, products } from '../../drizzle/schema'
import type { CartInput } from '#shared/schemas/cart'
import type { CartLineJson } from '#shared/types/api'
import { amountToCents, centsToAmount } from '#shared/utils/money'
import type { Database } from '../database/client'
import { toProductJson } from './products'

/** A cart line as the API shows it: the product as it is now (null when no longer for sale). */
function toCartLine(item: CartInput['items'][number], product: typeof products.$inferSelect | null | undefined): CartLineJson {
  return { product_id: item.product_id, quantity: item.quantity, product: product ? toProductJson(product) : null, added_price: item.price ?? null }
}

/** Lines with the products' live price and stock (one query for all of them). */
export async function quoteCart(db: Database, items: CartInput['items']): Promise<CartLineJson[]> {
  if (items.length === 0) return []
  const found = await db.select().from(products)
    .where(and(inArray(products.id, items.map(item => item.product_id)), eq(products.isActive, true)))
  const byId = new Map(found.map(product => [product.id, product]))
  return items.map(item => toCartLine(item, byId.get(item.product_id)))
}

/**
 * The signed-in customer's cart, kept on the server so that it follows them across devices,
 * with each product's live price and stock: one statement (every signed-in page reads it).
 */
export async function loadCart(db: Database, userId: string): Promise<CartLineJson[]> {
  const rows = await db.select({ line: cartItems, product: products }).from(cartItems)
    .leftJoin(products, and(eq(products.id, cartItems.productId), eq(products.isActive, true)))
    .where(eq(cartItems.userId, userId))
    .orderBy(cartItems.createdAt)
  return rows.map(({ line, product }) => toCartLine({ product_id: line.productId, quantity: line.quantity, price: centsToAmount(line.addedPriceCents) }, product))
}

/** Replaces the whole cart (lines for products that do not exist are dropped). */
export async function saveCart(db: Database, userId: string, items: CartInput['items']) {
  await db.transaction(async (tx) => {
    await tx.delete(cartItems).where(eq(cartItems.userId, userId))
    if (items.length === 0) return
    const existing = await tx.select({ id: products.id, priceCents: products.priceCents }).from(products)
      .where(inArray(products.id, items.map(item => item.product_id)))
    const prices = new Map(existing.map(product => [product.id, product.priceCents]))
    const rows = items.filter(item => prices.has(item.product_id)).map(item => ({
      userId,
      productId: item.product_id,
      quantity: item.quantity,
      addedPriceCents: item.price !== undefined ? amountToCents(item.price) : prices.get(item.product_id)!,
    }))
    if (rows.length > 0) await tx.insert(cartItems).values(rows)
  })
  return loadCart(db, userId)
}
