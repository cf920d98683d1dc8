import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps, timestamptz } from './columns.ts'
import { orders } from './orders.ts'
import { users } from './users.ts'

/**
 * A discount code: a percentage (basis points) or a fixed amount (cents, VAT included) off
 * the goods, from a minimum order, between two dates, up to a number of uses in all and per
 * customer. `uses` is counted by one conditional UPDATE in the order's transaction, so it
 * never passes `max_uses` however many checkouts race for the last one.
 */
export const discountCodes = pgTable('discount_codes', {
  id: id(),
  /** Upper case, as typed codes are compared. */
  code: text('code').notNull(),
  description: text('description').notNull().default(''),
  percentBp: integer('percent_bp'),
  amountCents: bigint('amount_cents', { mode: 'number' }),
  minOrderCents: bigint('min_order_cents', { mode: 'number' }).notNull().default(0),
  startsAt: timestamptz('starts_at'),
  endsAt: timestamptz('ends_at'),
  maxUses: integer('max_uses'),
  maxUsesPerCustomer: integer('max_uses_per_customer'),
  uses: integer('uses').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
  ...timestamps,
}, t => [
  uniqueIndex('discount_codes_code_key').on(t.code),
  check('discount_codes_one_kind', sql`(${t.percentBp} is null) <> (${t.amountCents} is null)`),
  check('discount_codes_percent_range', sql`${t.percentBp} between 1 and 10000`),
  check('discount_codes_amount_positive', sql`${t.amountCents} > 0`),
  check('discount_codes_uses_within_limit', sql`${t.uses} >= 0 and (${t.maxUses} is null or ${t.uses} <= ${t.maxUses})`),
])

/** Each order a code took money off, and how much: the per-customer count and the admin's figures. */
export const discountRedemptions = pgTable('discount_redemptions', {
  id: id(),
  codeId: uuid('code_id').notNull().references(() => discountCodes.id, { onDelete: 'restrict' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  orderId: uuid('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
  amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
}, t => [
  uniqueIndex('discount_redemptions_order_key').on(t.orderId),
  index('discount_redemptions_code_user_idx').on(t.codeId, t.userId),
])
