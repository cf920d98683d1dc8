import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { emailOutbox } from '../../drizzle/schema'
import type { Database } from '../database/client'
import { hitRateLimit, RATE_LIMITS } from './rate-limits'
import { deliver } from '#platform/mail'
import type { MailAttachment } from '#platform/mail'
import { findInvoice, renderInvoicePdf } from './invoices'
import { logger } from '../lib/logger'

export interface Email {
  to: string
  subject: string
  text: string
  /** The account the mail is about: at most RATE_LIMITS.mailPerAccount of them are sent an hour. */
  userId: string
  /** An invoice or credit note to attach as a PDF. */
  invoiceId?: string
}

/** NOTIFY channel on which a queued mail wakes the senders, when its transaction commits. */
export const MAIL_CHANNEL = 'comptoir_mail'

/** Attempts before a mail is left for a human to look at (`last_error` says why). */
export const MAX_ATTEMPTS = 8

/**
 * Queues an e-mail in the transactional outbox: call it inside the transaction of the
 * change it announces, so that the mail exists if and only if the change happened. The
 * senders (server/plugins/mail-worker.ts) are woken when the transaction commits; a failed
 * send never undoes anything. Past the per-account hourly cap the mail is kept, unsent,
 * with the reason in `last_error`: nobody can turn the shop into a mail cannon.
 */
export async function enqueueEmail(db: Database, email: Email) {
  const { count } = await hitRateLimit(db, `mail:${email.userId}`, RATE_LIMITS.mailPerAccount)
  const held = count > RATE_LIMITS.mailPerAccount.limit
  await db.insert(emailOutbox).values({
    recipient: email.to,
    subject: email.subject,
    textBody: email.text,
    invoiceId: email.invoiceId,
    ...(held ? { attempts: MAX_ATTEMPTS, lastError: `held: more than ${RATE_LIMITS.mailPerAccount.limit} mails an hour for this account` } : {}),
  }).returning({ notified: sql`pg_notify(${MAIL_CHANNEL}, '')` })
}

/** Waits between attempts: 30 s, 1 min, 2 min… capped at 6 hours. */
export function retryDelaySeconds(attempts: number) {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 6 * 3600)
}

/**
 * Takes up to `limit` due mails for sending. The rows are claimed with SKIP LOCKED and a
 * two-minute lease, so several server instances never send the same mail twice, and a
 * mail whose sender died is picked up again when its lease runs out.
 */
export async function claimDueEmails(db: Database, limit = 10) {
  const due = db.select({ id: emailOutbox.id }).from(emailOutbox)
    .where(and(
      isNull(emailOutbox.sentAt),
      lt(emailOutbox.attempts, MAX_ATTEMPTS),
      lte(emailOutbox.nextAttemptAt, sql`now()`),
      or(isNull(emailOutbox.lockedUntil), lt(emailOutbox.lockedUntil, sql`now()`)),
    ))
    .orderBy(emailOutbox.nextAttemptAt)
    .limit(limit)
    .for('update', { skipLocked: true })
  return db.update(emailOutbox)
    .set({ lockedUntil: sql`now() + interval '2 minutes'`, attempts: sql`${emailOutbox.attempts} + 1` })
    .where(inArray(emailOutbox.id, due))
    .returning()
}

export async function markSent(db: Database, id: string) {
  await db.update(emailOutbox).set({ sentAt: sql`now()`, lockedUntil: null, lastError: null }).where(eq(emailOutbox.id, id))
}

export async function markFailed(db: Database, id: string, attempts: number, error: string) {
  await db.update(emailOutbox).set({
    lockedUntil: null,
    lastError: error.slice(0, 500),
    nextAttemptAt: sql`now() + make_interval(secs => ${retryDelaySeconds(attempts)})`,
  }).where(eq(emailOutbox.id, id))
}

/** The PDF of the invoice a mail carries, drawn now from what the invoice froze. */
async function attachmentsOf(db: Database, mail: typeof emailOutbox.$inferSelect): Promise<MailAttachment[]> {
  if (!mail.invoiceId) return []
  const invoice = await findInvoice(db, mail.invoiceId)
  if (!invoice) return []
  return [{ filename: `${invoice.number}.pdf`, contentType: 'application/pdf', content: await renderInvoicePdf(db, invoice) }]
}

/**
 * Sends what the outbox holds now: each claimed mail through this platform's transport
 * (#platform/mail), marked sent, or failed to be retried later with a growing delay. A
 * failure never touches what queued the mail. The Node server runs it on NOTIFY and every
 * two seconds; the edge after each write request and on its Cron Trigger.
 */
export async function sendDueMails(db: Database) {
  let sent = 0
  let failed = 0
  for (const mail of await claimDueEmails(db)) {
    try {
      await deliver(mail, await attachmentsOf(db, mail))
      await markSent(db, mail.id)
      logger.info('mail sent', { mail_id: mail.id, to: mail.recipient })
      sent++
    }
    catch (error) {
      await markFailed(db, mail.id, mail.attempts, (error as Error).message)
      logger.warn('mail failed, will retry', { mail_id: mail.id, attempts: mail.attempts, error: (error as Error).message })
      failed++
    }
  }
  return { sent, failed }
}
