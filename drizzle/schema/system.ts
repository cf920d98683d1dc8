import { bigserial, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { id, timestamptz } from './columns.ts'
import { invoices } from './payments.ts'
import { users } from './users.ts'

/**
 * Transactional outbox for e-mails: written in the same transaction as the change it
 * announces, sent later by a worker, retried with backoff. A failed send never undoes the change.
 */
export const emailOutbox = pgTable('email_outbox', {
  id: id(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  htmlBody: text('html_body'),
  /** An invoice or credit note sent with the mail as a PDF, drawn when the mail is sent. */
  invoiceId: uuid('invoice_id').references(() => invoices.id, { onDelete: 'set null' }),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
  lockedUntil: timestamptz('locked_until'),
  sentAt: timestamptz('sent_at'),
  lastError: text('last_error'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
}, t => [
  index('email_outbox_pending_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null`),
])

/** Every admin write: who did what to which record, with the record before and after. */
export const auditLog = pgTable('audit_log', {
  id: id(),
  actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  ipAddress: text('ip_address'),
  requestId: text('request_id'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
}, t => [
  index('audit_log_created_at_idx').on(t.createdAt),
  index('audit_log_entity_idx').on(t.entity, t.entityId),
  index('audit_log_actor_idx').on(t.actorId),
])

/**
 * The edge build's record of catalog changes, where LISTEN does not reach (Hyperdrive pools
 * transactions): each change adds a row naming its products (`*`: any number), and each
 * isolate reads what came since it last looked, every few seconds. Kept a day.
 */
export const catalogChanges = pgTable('catalog_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  productIds: text('product_ids').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
}, t => [
  index('catalog_changes_created_at_idx').on(t.createdAt),
])
