import { and, desc, eq } from 'drizzle-orm'
import { addresses, users } from '../../drizzle/schema'
import type { SavedAddressInput } from '#shared/schemas/addresses'
import type { SavedAddressJson } from '#shared/types/api'
import type { CountryCode } from '#shared/utils/addresses'
import type { Database } from '../database/client'
import { apiError } from '../lib/errors'

type AddressRow = typeof addresses.$inferSelect

/** Enough for any household; past it, an old address is deleted before a new one is saved. */
export const MAX_ADDRESSES = 20

export function toAddressJson(row: AddressRow): SavedAddressJson {
  return {
    id: row.id,
    full_name: row.fullName,
    line1: row.line1,
    line2: row.line2,
    postcode: row.postcode,
    city: row.city,
    country: row.country as CountryCode,
    phone: row.phone,
    is_default: row.isDefault,
    created_at: row.createdAt.toISOString(),
  }
}

function columnsOf(input: SavedAddressInput) {
  return { fullName: input.full_name, line1: input.line1, line2: input.line2, postcode: input.postcode, city: input.city, country: input.country, phone: input.phone }
}

/**
 * Changes to one customer's book go one at a time, locked on the owner's row (there may be
 * no address row to lock yet): the count and the single default hold under concurrent saves.
 */
async function lockBook(tx: Database, userId: string) {
  // Not FOR UPDATE: the order being placed with it already holds a key-share lock on the row (its foreign keys).
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update')
}

/** A customer's addresses, the default first, then the newest. */
export async function listAddresses(db: Database, userId: string) {
  const rows = await db.select().from(addresses).where(eq(addresses.userId, userId)).orderBy(desc(addresses.isDefault), desc(addresses.createdAt))
  return rows.map(toAddressJson)
}

export async function findAddress(db: Database, userId: string, id: string) {
  const [row] = await db.select().from(addresses).where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
  return row ? toAddressJson(row) : undefined
}

/**
 * Saves an address in the book, in the caller's transaction or its own. The first address,
 * or one marked default, becomes the default (the previous one stops being it).
 */
export async function saveAddress(db: Database, userId: string, input: SavedAddressInput) {
  return db.transaction(async (tx) => {
    await lockBook(tx, userId)
    const existing = await tx.select({ id: addresses.id }).from(addresses).where(eq(addresses.userId, userId))
    if (existing.length >= MAX_ADDRESSES) throw apiError(409, `Your address book is full (${MAX_ADDRESSES} addresses): delete one first`)
    const isDefault = input.is_default || existing.length === 0
    if (isDefault) await tx.update(addresses).set({ isDefault: false }).where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true)))
    const [row] = await tx.insert(addresses).values({ userId, ...columnsOf(input), isDefault }).returning()
    return toAddressJson(row!)
  })
}

export async function updateAddress(db: Database, userId: string, id: string, input: SavedAddressInput) {
  return db.transaction(async (tx) => {
    await lockBook(tx, userId)
    const [current] = await tx.select().from(addresses).where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    if (!current) throw apiError(404, 'Address not found')
    if (input.is_default && !current.isDefault) await tx.update(addresses).set({ isDefault: false }).where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true)))
    // The default stays the default until another one is chosen.
    const [row] = await tx.update(addresses).set({ ...columnsOf(input), isDefault: input.is_default || current.isDefault }).where(eq(addresses.id, id)).returning()
    return toAddressJson(row!)
  })
}

/** Deletes an address; when it was the default, the newest other one takes its place. Orders keep their own copy. */
export async function deleteAddress(db: Database, userId: string, id: string) {
  await db.transaction(async (tx) => {
    await lockBook(tx, userId)
    const [gone] = await tx.delete(addresses).where(and(eq(addresses.id, id), eq(addresses.userId, userId))).returning()
    if (!gone) throw apiError(404, 'Address not found')
    if (!gone.isDefault) return
    const [next] = await tx.select({ id: addresses.id }).from(addresses).where(eq(addresses.userId, userId)).orderBy(desc(addresses.createdAt)).limit(1)
    if (next) await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, next.id))
  })
}
