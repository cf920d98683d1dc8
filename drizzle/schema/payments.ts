import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { id, timestamps, timestamptz } from './columns.ts'
import { orders } from './orders.ts'
import { PAYMENT_KINDS, PAYMENT_PROVIDERS, PAYMENT_STATUSES } from '../../shared/utils/payments.ts'

export const paymentProvider = pgEnum('payment_provider', PAYMENT_PROVIDERS)
export const paymentKind = pgEnum('payment_kind', PAYMENT_KINDS)
export const paymentStatus = pgEnum('payment_status', PAYMENT_STATUSES)

/**
 * Money in and out of an order: its payment, made when the order is placed (pending until
 * the provider says it succeeded), and its refund when a paid order is cancelled. One of
 * each per order at most.
 */
export const payments = pgTable('payments', {
  id: id(),
  orderId: uuid('order_id').notNull().references(() => orders.id, { onDelete: 'restrict' }),
  provider: paymentProvider('provider').notNull(),
  kind: paymentKind('kind').notNull(),
  status: paymentStatus('status').notNull().default('pending'),
  amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  /** Bank transfer: the reference the customer writes; Stripe: the Checkout Session's id. */
  reference: text('reference'),
  /** Stripe's PaymentIntent (payments) or Refund (refunds) id. */
  providerPaymentId: text('provider_payment_id'),
  /** Where the customer pays (Stripe Checkout's page), while that page is open. */
  checkoutUrl: text('checkout_url'),
  settledAt: timestamptz('settled_at'),
  ...timestamps,
}, t => [
  check('payments_amount_positive', sql`${t.amountCents} > 0`),
  uniqueIndex('payments_one_per_order_and_kind').on(t.orderId, t.kind),
  index('payments_reference_idx').on(t.reference),
  index('payments_pending_refunds_idx').on(t.createdAt).where(sql`${t.kind} = 'refund' and ${t.status} = 'pending'`),
])

/** Every provider event handled, by its id: a webhook delivered twice (or replayed) acts once. */
export const paymentEvents = pgTable('payment_events', {
  provider: paymentProvider('provider').notNull(),
  eventId: text('event_id').notNull(),
  type: text('type').notNull(),
  receivedAt: timestamptz('received_at').notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.provider, t.eventId] }),
])

export const INVOICE_KINDS = ['invoice', 'credit_note'] as const
export const invoiceKind = pgEnum('invoice_kind', INVOICE_KINDS)

/**
 * The last number given in each series (`F2026`, `A2026`…). Taken by an UPDATE in the
 * transaction that issues the invoice, so the row stays locked until it commits: numbers
 * follow one another with no gap (a rolled-back payment gives its number back) and no twice.
 */
export const invoiceCounters = pgTable('invoice_counters', {
  series: text('series').primaryKey(),
  lastNumber: integer('last_number').notNull(),
})

/**
 * An invoice, issued when an order is paid, or a credit note, when a paid order is refunded.
 * What it says is frozen when issued (seller, buyer, lines, totals): the PDF is drawn from it.
 */
export const invoices = pgTable('invoices', {
  id: id(),
  number: text('number').notNull(),
  kind: invoiceKind('kind').notNull(),
  orderId: uuid('order_id').notNull().references(() => orders.id, { onDelete: 'restrict' }),
  /** A credit note's invoice. */
  invoiceId: uuid('invoice_id').references((): AnyPgColumn => invoices.id, { onDelete: 'restrict' }),
  issuedAt: timestamptz('issued_at').notNull().defaultNow(),
  seller: jsonb('seller').notNull(),
  buyer: jsonb('buyer').notNull(),
  lines: jsonb('lines').notNull(),
  netCents: bigint('net_cents', { mode: 'number' }).notNull(),
  vatCents: bigint('vat_cents', { mode: 'number' }).notNull(),
  totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
  ...timestamps,
}, t => [
  uniqueIndex('invoices_number_key').on(t.number),
  uniqueIndex('invoices_one_per_order_and_kind').on(t.orderId, t.kind),
  index('invoices_issued_at_idx').on(t.issuedAt),
  check('invoices_total_is_net_plus_vat', sql`${t.netCents} + ${t.vatCents} = ${t.totalCents}`),
])
