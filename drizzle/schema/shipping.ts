import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.ts'
import { users } from './users.ts'
import type { ShippingRate } from '../../shared/utils/shipping.ts'

/** A customer's address book: where they have had things sent, one of them the default. */
export const addresses = pgTable('addresses', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  fullName: text('full_name').notNull(),
  line1: text('line1').notNull(),
  line2: text('line2'),
  postcode: text('postcode').notNull(),
  city: text('city').notNull(),
  /** ISO 3166-1 alpha-2, one of shared/utils/addresses.ts's countries. */
  country: text('country').notNull(),
  phone: text('phone'),
  isDefault: boolean('is_default').notNull().default(false),
  ...timestamps,
}, t => [
  index('addresses_user_idx').on(t.userId, t.createdAt),
  // At most one default per customer: setting another clears it in the same transaction.
  uniqueIndex('addresses_one_default_per_user').on(t.userId).where(sql`${t.isDefault}`),
])

/**
 * How the shop delivers: a name, the countries served, the price by parcel weight (one rate
 * with no weight limit is a flat price), free above an order amount if set. The price
 * includes VAT, taxed as what it delivers (shared/utils/vat.ts `taxShipping`).
 */
export const shippingMethods = pgTable('shipping_methods', {
  id: id(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  countries: text('countries').array().notNull(),
  rates: jsonb('rates').$type<ShippingRate[]>().notNull(),
  freeOverCents: bigint('free_over_cents', { mode: 'number' }),
  isActive: boolean('is_active').notNull().default(true),
  position: integer('position').notNull().default(0),
  ...timestamps,
}, t => [
  check('shipping_methods_free_over_nonnegative', sql`${t.freeOverCents} >= 0`),
  check('shipping_methods_serves_somewhere', sql`cardinality(${t.countries}) > 0`),
])
