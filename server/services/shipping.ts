import { and, asc, eq, sql } from 'drizzle-orm'
import { shippingMethods } from '../../drizzle/schema'
import type { ShippingQuoteInput, ShippingMethodInput } from '#shared/schemas/shipping'
import type { ShippingMethodJson, ShippingOptionJson } from '#shared/types/api'
import { amountToCents, centsToAmount } from '#shared/utils/money'
import { shippingPrice } from '#shared/utils/shipping'
import type { Database } from '../database/client'
import { apiError } from '../lib/errors'
import { recordAudit } from './audit'
import type { Actor } from './audit'
import { discountWorth } from './discounts'
import { weighCart } from './products'

type MethodRow = typeof shippingMethods.$inferSelect

export function toShippingMethodJson(row: MethodRow): ShippingMethodJson {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    countries: row.countries,
    rates: row.rates.map(rate => ({ up_to_grams: rate.up_to_grams, price: centsToAmount(rate.price_cents) })),
    free_over: row.freeOverCents === null ? null : centsToAmount(row.freeOverCents),
    is_active: row.isActive,
    position: row.position,
  }
}

function columnsOf(input: ShippingMethodInput) {
  return {
    name: input.name,
    description: input.description,
    countries: input.countries,
    rates: input.rates.map(rate => ({ up_to_grams: rate.up_to_grams, price_cents: amountToCents(rate.price) })),
    freeOverCents: input.free_over === null ? null : amountToCents(input.free_over),
    isActive: input.is_active,
    position: input.position,
  }
}

export async function listShippingMethods(db: Database) {
  const rows = await db.select().from(shippingMethods).orderBy(asc(shippingMethods.position), asc(shippingMethods.name))
  return rows.map(toShippingMethodJson)
}

export async function createShippingMethod(db: Database, input: ShippingMethodInput, actor: Actor) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(shippingMethods).values(columnsOf(input)).returning()
    const json = toShippingMethodJson(row!)
    await recordAudit(tx, actor, { action: 'shipping_method.create', entity: 'shipping_method', entityId: row!.id, after: json })
    return json
  })
}

export async function updateShippingMethod(db: Database, id: string, input: ShippingMethodInput, actor: Actor) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(shippingMethods).where(eq(shippingMethods.id, id)).for('update')
    if (!before) throw apiError(404, 'Shipping method not found')
    const [row] = await tx.update(shippingMethods).set(columnsOf(input)).where(eq(shippingMethods.id, id)).returning()
    const json = toShippingMethodJson(row!)
    await recordAudit(tx, actor, { action: 'shipping_method.update', entity: 'shipping_method', entityId: id, before: toShippingMethodJson(before), after: json })
    return json
  })
}

/** A parcel: how heavy, and what its goods are worth (VAT included). */
export interface Parcel {
  weightGrams: number
  goodsGrossCents: number
}

/** The active methods serving `country`, each with its price for the parcel; a method the parcel is too heavy for is left out. */
export async function shippingOptions(db: Database, country: string, parcel: Parcel): Promise<ShippingOptionJson[]> {
  const rows = await db.select().from(shippingMethods)
    .where(and(eq(shippingMethods.isActive, true), sql`${country} = any(${shippingMethods.countries})`))
    .orderBy(asc(shippingMethods.position), asc(shippingMethods.name))
  return rows.flatMap((row) => {
    const price = shippingPrice({ rates: row.rates, freeOverCents: row.freeOverCents }, parcel.weightGrams, parcel.goodsGrossCents)
    if (price === undefined) return []
    return [{ id: row.id, name: row.name, description: row.description, price: centsToAmount(price), free_over: row.freeOverCents === null ? null : centsToAmount(row.freeOverCents) }]
  })
}

/** Whether the shop has set up any delivery at all (a shop without one charges none). */
export async function hasShippingMethods(db: Database) {
  const [row] = await db.select({ id: shippingMethods.id }).from(shippingMethods).where(eq(shippingMethods.isActive, true)).limit(1)
  return Boolean(row)
}

/** Checkout's delivery options for a cart: weights and prices read from the catalog, never from the client. */
export async function quoteShipping(db: Database, input: ShippingQuoteInput) {
  const parcel = await weighCart(db, input.items)
  // Free-delivery thresholds look at the goods after a discount, as the order will.
  if (input.discount_code) parcel.goodsGrossCents -= await discountWorth(db, input.discount_code, parcel.goodsGrossCents)
  return { weight_grams: parcel.weightGrams, options: await shippingOptions(db, input.country, parcel) }
}

/** The method an order asked for, if it is active, serves `country` and takes the parcel: its name and price. */
export async function chosenShipping(db: Database, methodId: string, country: string, parcel: Parcel) {
  const [row] = await db.select().from(shippingMethods).where(eq(shippingMethods.id, methodId))
  if (!row || !row.isActive) return { problem: 'This delivery is not offered' }
  if (!row.countries.includes(country)) return { problem: `${row.name} does not deliver to this country` }
  const price = shippingPrice({ rates: row.rates, freeOverCents: row.freeOverCents }, parcel.weightGrams, parcel.goodsGrossCents)
  if (price === undefined) return { problem: `${row.name} does not take a parcel of ${(parcel.weightGrams / 1000).toFixed(1)} kg` }
  return { method: row, priceCents: price }
}
