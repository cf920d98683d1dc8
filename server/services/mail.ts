import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { emailOutbox } from '../../drizzle/schema'
import type { Database } from '../database/client'

export interface Email {
  to: string
  subject: string
  text: string
}

/**
 * Queues an e-mail in the transactional outbox: call it inside the transaction of the
 * change it announces, so that the mail exists if and only if the change happened. A
 * worker sends it later (server/plugins/mail-worker.ts); a failed send never undoes anything.
 */
export async function enqueueEmail(db: Database, email: Email) {
  await db.insert(emailOutbox).values({ recipient: email.to, subject: email.subject, textBody: email.text })
}

/** Attempts before a mail is left for a human to look at (`last_error` says why). */
export const MAX_ATTEMPTS = 8

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
