import { and, desc, eq, gt, isNull, lte, or, sql, sum } from 'drizzle-orm'
import { discountCodes, discountRedemptions } from '../../drizzle/schema'
import type { DiscountCreateInput } from '#shared/schemas/discounts'
import type { DiscountJson } from '#shared/types/api'
import { amountToCents, centsToAmount, formatPrice } from '#shared/utils/money'
import { discountOf } from '#shared/utils/vat'
import type { Database } from '../database/client'
import { apiError, findErrorCode } from '../lib/errors'
import { recordAudit } from './audit'
import type { Actor } from './audit'
import { weighCart } from './products'

type CodeRow = typeof discountCodes.$inferSelect

export function toDiscountJson(row: CodeRow, givenCents = 0): DiscountJson {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    percent: row.percentBp === null ? null : row.percentBp / 100,
    amount: row.amountCents === null ? null : centsToAmount(row.amountCents),
    min_order: centsToAmount(row.minOrderCents),
    starts_at: row.startsAt?.toISOString() ?? null,
    ends_at: row.endsAt?.toISOString() ?? null,
    max_uses: row.maxUses,
    max_uses_per_customer: row.maxUsesPerCustomer,
    uses: row.uses,
    is_active: row.isActive,
    total_discount: centsToAmount(givenCents),
    created_at: row.createdAt.toISOString(),
  }
}

/** Every code, newest first, with how often it was used and how much it took off in all. */
export async function listDiscounts(db: Database) {
  const given = db.select({ codeId: discountRedemptions.codeId, cents: sum(discountRedemptions.amountCents).as('cents') })
    .from(discountRedemptions).groupBy(discountRedemptions.codeId).as('given')
  const rows = await db.select({ code: discountCodes, cents: given.cents }).from(discountCodes)
    .leftJoin(given, eq(given.codeId, discountCodes.id))
    .orderBy(desc(discountCodes.createdAt))
  return rows.map(row => toDiscountJson(row.code, Number(row.cents ?? 0)))
}

export async function createDiscount(db: Database, input: DiscountCreateInput, actor: Actor) {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(discountCodes).values({
        code: input.code,
        description: input.description,
        percentBp: input.percent === null ? null : Math.round(input.percent * 100),
        amountCents: input.amount === null ? null : amountToCents(input.amount),
        minOrderCents: amountToCents(input.min_order),
        startsAt: input.starts_at ? new Date(input.starts_at) : null,
        endsAt: input.ends_at ? new Date(input.ends_at) : null,
        maxUses: input.max_uses,
        maxUsesPerCustomer: input.max_uses_per_customer,
        isActive: input.is_active,
      }).returning()
      const json = toDiscountJson(row!)
      await recordAudit(tx, actor, { action: 'discount.create', entity: 'discount', entityId: row!.id, after: json })
      return json
    })
  }
  catch (error) {
    if (findErrorCode(error, code => code === '23505')) throw apiError(409, 'This code exists already', { details: { code: ['This code exists already'] } })
    throw error
  }
}

/** Pauses a code, or offers it again. */
export async function setDiscountActive(db: Database, id: string, isActive: boolean, actor: Actor) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(discountCodes).set({ isActive }).where(eq(discountCodes.id, id)).returning()
    if (!row) throw apiError(404, 'Discount code not found')
    await recordAudit(tx, actor, { action: isActive ? 'discount.resume' : 'discount.pause', entity: 'discount', entityId: id, before: { is_active: !isActive }, after: { is_active: isActive } })
    return toDiscountJson(row)
  })
}

const invalid = (status: number, reason: string) => apiError(status, reason, { details: { discount_code: [reason] } })

/** What stands between a code and an order of `goodsGrossCents` now, its use limits aside. */
function termsProblem(row: CodeRow | undefined, goodsGrossCents: number, now = new Date()) {
  if (!row || !row.isActive) return 'This code does not exist or is no longer offered'
  if (row.startsAt && row.startsAt > now) return 'This code is not valid yet'
  if (row.endsAt && row.endsAt <= now) return 'This code has expired'
  if (goodsGrossCents < row.minOrderCents) return `This code needs an order of at least ${formatPrice(centsToAmount(row.minOrderCents))}`
  return undefined
}

async function codeNamed(db: Database, code: string) {
  const [row] = await db.select().from(discountCodes).where(eq(discountCodes.code, code))
  return row
}

async function usesBy(db: Database, codeId: string, userId: string) {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(discountRedemptions)
    .where(and(eq(discountRedemptions.codeId, codeId), eq(discountRedemptions.userId, userId)))
  return row!.n
}

/** What `code` would take off goods of `goodsGrossCents` now, or 0 if it would not (the delivery quote's free-shipping threshold looks after it). */
export async function discountWorth(db: Database, code: string, goodsGrossCents: number) {
  const row = await codeNamed(db, code)
  if (termsProblem(row, goodsGrossCents) || (row!.maxUses !== null && row!.uses >= row!.maxUses)) return 0
  return discountOf(row!, goodsGrossCents)
}

/** The cart's question before the order: what `code` takes off this cart for this customer, if signed in (or why it cannot). */
export async function quoteDiscount(db: Database, userId: string | undefined, input: { discount_code: string, items: { product_id: string, quantity: number }[] }) {
  const { goodsGrossCents: goods } = await weighCart(db, input.items)
  const row = await codeNamed(db, input.discount_code)
  const problem = termsProblem(row, goods)
  if (problem) throw invalid(400, problem)
  if (row!.maxUses !== null && row!.uses >= row!.maxUses) throw invalid(409, 'This code has been used up')
  if (userId && row!.maxUsesPerCustomer !== null && await usesBy(db, row!.id, userId) >= row!.maxUsesPerCustomer) throw invalid(409, 'You have already used this code')
  return { code: row!.code, description: row!.description, discount: centsToAmount(discountOf(row!, goods)) }
}

/**
 * In the order's transaction: takes one use of `code` for an order of `goodsGrossCents` and
 * says what it takes off. The use is one conditional UPDATE (active, in its dates, under
 * its limit), which also locks the code's row until the order commits: of 100 checkouts
 * racing for a code's last 10 uses, 10 get one, and the per-customer count read after it
 * cannot be raced either. Any failure later in the order rolls the use back with it.
 */
export async function redeemCode(tx: Database, code: string, userId: string, goodsGrossCents: number) {
  const row = await codeNamed(tx, code)
  const problem = termsProblem(row, goodsGrossCents)
  if (problem) throw invalid(400, problem)
  const now = new Date()
  const [taken] = await tx.update(discountCodes).set({ uses: sql`${discountCodes.uses} + 1` })
    .where(and(
      eq(discountCodes.id, row!.id),
      eq(discountCodes.isActive, true),
      or(isNull(discountCodes.startsAt), lte(discountCodes.startsAt, now)),
      or(isNull(discountCodes.endsAt), gt(discountCodes.endsAt, now)),
      or(isNull(discountCodes.maxUses), sql`${discountCodes.uses} < ${discountCodes.maxUses}`),
    ))
    .returning()
  if (!taken) throw invalid(409, 'This code has been used up')
  if (taken.maxUsesPerCustomer !== null && await usesBy(tx, taken.id, userId) >= taken.maxUsesPerCustomer) throw invalid(409, 'You have already used this code')
  return { code: taken, discountCents: discountOf(taken, goodsGrossCents) }
}

/** The redemption of an order, written with it. */
export function recordRedemption(tx: Database, redemption: { codeId: string, userId: string, orderId: string, amountCents: number }) {
  return tx.insert(discountRedemptions).values(redemption)
}

/** In a cancellation's transaction: the order's use of its code is given back, once (the cancellation happens once). */
export async function releaseRedemption(tx: Database, orderId: string) {
  const [gone] = await tx.delete(discountRedemptions).where(eq(discountRedemptions.orderId, orderId)).returning({ codeId: discountRedemptions.codeId })
  if (gone) await tx.update(discountCodes).set({ uses: sql`${discountCodes.uses} - 1` }).where(eq(discountCodes.id, gone.codeId))
}
