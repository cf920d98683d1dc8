import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps, timestamptz } from './columns.ts'
import { products } from './products.ts'
import { shippingMethods } from './shipping.ts'
import type { PostalAddress } from '../../shared/utils/addresses.ts'
import { ORDER_STATUSES } from '../../shared/utils/order-status.ts'
import { users } from './users.ts'

export { ORDER_STATUSES }
export const orderStatus = pgEnum('order_status', ORDER_STATUSES)

export const orders = pgTable('orders', {
  id: id(),
  // An account with orders is deactivated, never deleted: the books must stay whole.
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
  status: orderStatus('status').notNull().default('pending'),
  // bigint: 50 lines of 1,000 units can exceed a 32-bit number of cents.
  totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
  // The total's net and VAT: the sums of the lines' (shared/utils/vat.ts has the rounding rule).
  netCents: bigint('net_cents', { mode: 'number' }).notNull(),
  vatCents: bigint('vat_cents', { mode: 'number' }).notNull(),
  /** The address as text (the contract's field): the structured one formatted, or as typed by an API client. */
  shippingAddress: text('shipping_address').notNull(),
  /** Structured addresses (shared/utils/addresses.ts); null on orders placed with a text address only. */
  shippingDetails: jsonb('shipping_details').$type<PostalAddress>(),
  billingDetails: jsonb('billing_details').$type<PostalAddress>(),
  /** The delivery chosen, as it was then: its name and price (VAT included, and its net and VAT); 0 without one. */
  shippingMethodId: uuid('shipping_method_id').references(() => shippingMethods.id, { onDelete: 'set null' }),
  shippingMethodName: text('shipping_method_name'),
  shippingCents: bigint('shipping_cents', { mode: 'number' }).notNull().default(0),
  shippingNetCents: bigint('shipping_net_cents', { mode: 'number' }).notNull().default(0),
  shippingVatCents: bigint('shipping_vat_cents', { mode: 'number' }).notNull().default(0),
  // bigint: 50 lines of 1,000 units at 100 kg pass a 32-bit number of grams.
  weightGrams: bigint('weight_grams', { mode: 'number' }).notNull().default(0),
  /** The discount code used, as typed then, and what it took off the goods (VAT included); 0 without one. */
  discountCode: text('discount_code'),
  discountCents: bigint('discount_cents', { mode: 'number' }).notNull().default(0),
  notes: text('notes'),
  /** While it awaits its payment: when it is cancelled and its stock released if still unpaid (null once paid or cancelled). */
  paymentDueAt: timestamptz('payment_due_at'),
  ...timestamps,
}, t => [
  check('orders_total_nonnegative', sql`${t.totalCents} >= 0`),
  check('orders_total_is_net_plus_vat', sql`${t.netCents} + ${t.vatCents} = ${t.totalCents}`),
  check('orders_shipping_is_net_plus_vat', sql`${t.shippingNetCents} + ${t.shippingVatCents} = ${t.shippingCents}`),
  index('orders_user_created_at_idx').on(t.userId, t.createdAt),
  index('orders_status_created_at_idx').on(t.status, t.createdAt),
  index('orders_created_at_idx').on(t.createdAt),
  index('orders_payment_due_idx').on(t.paymentDueAt).where(sql`${t.paymentDueAt} is not null`),
])

export const orderItems = pgTable('order_items', {
  id: id(),
  orderId: uuid('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
  // A product that was ordered cannot be deleted (the API answers 409; this is the last guard).
  productId: uuid('product_id').notNull().references(() => products.id, { onDelete: 'restrict' }),
  // Name, price and cost are captured when the order is placed; later catalog edits do not rewrite history.
  productName: text('product_name').notNull(),
  quantity: integer('quantity').notNull(),
  unitPriceCents: integer('unit_price_cents').notNull(),
  unitCostCents: integer('unit_cost_cents'),
  // The VAT rate when ordered, and the line's net and VAT (its gross is unit price × quantity, less its share of a discount), captured too.
  vatRateBp: integer('vat_rate_bp').notNull(),
  discountCents: bigint('discount_cents', { mode: 'number' }).notNull().default(0),
  netCents: bigint('net_cents', { mode: 'number' }).notNull(),
  vatCents: bigint('vat_cents', { mode: 'number' }).notNull(),
}, t => [
  check('order_items_quantity_positive', sql`${t.quantity} > 0`),
  check('order_items_unit_price_nonnegative', sql`${t.unitPriceCents} >= 0`),
  check('order_items_gross_is_net_plus_vat', sql`${t.netCents} + ${t.vatCents} = ${t.unitPriceCents}::bigint * ${t.quantity} - ${t.discountCents}`),
  index('order_items_order_idx').on(t.orderId),
  index('order_items_product_idx').on(t.productId),
])

/** The status timeline of an order: one row per change, including its creation. */
export const orderEvents = pgTable('order_events', {
  id: id(),
  orderId: uuid('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
  fromStatus: orderStatus('from_status'),
  toStatus: orderStatus('to_status').notNull(),
  actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
}, t => [
  index('order_events_order_created_at_idx').on(t.orderId, t.createdAt),
])

/** Server-side cart of a signed-in customer, so it follows the account across devices. */
export const cartItems = pgTable('cart_items', {
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  productId: uuid('product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
  quantity: integer('quantity').notNull(),
  // Price when the line was added, to flag a price that changed since.
  addedPriceCents: integer('added_price_cents').notNull(),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.userId, t.productId] }),
  check('cart_items_quantity_positive', sql`${t.quantity} > 0`),
])

/** A replayed `Idempotency-Key` returns the first answer instead of placing a second order. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  // Hash of the request body: the same key with another body is a client error, not a replay.
  requestHash: text('request_hash').notNull(),
  orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
  responseStatus: integer('response_status'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  expiresAt: timestamptz('expires_at').notNull(),
}, t => [
  uniqueIndex('idempotency_keys_user_key').on(t.userId, t.key),
  index('idempotency_keys_expires_at_idx').on(t.expiresAt),
])
