import { and, isNotNull, lt, sql } from 'drizzle-orm'
import { catalogChanges, emailOutbox, idempotencyKeys, rateLimits, refreshTokens, revokedAccessTokens } from '../../drizzle/schema'
import type { Database } from '../database/client'

/** Sent mails are kept this long (to answer "did you mail me?"), then deleted. */
export const SENT_MAIL_DAYS = 30

/**
 * Deletes what can no longer matter: expired refresh tokens, and those of ended sessions
 * after an hour; denials past their token's expiry; rate-limit windows that closed;
 * Idempotency-Keys past their 24 hours; mails sent more than SENT_MAIL_DAYS ago; the edge's
 * record of catalog changes after a day (its isolates read it every few seconds).
 */
export async function pruneExpired(db: Database) {
  const now = sql`now()`
  const [tokens, denials, limits, keys, mails, changes] = await Promise.all([
    db.delete(refreshTokens).where(sql`${refreshTokens.expiresAt} < ${now} or ${refreshTokens.revokedAt} < ${now} - interval '1 hour'`).returning({ id: refreshTokens.id }),
    db.delete(revokedAccessTokens).where(lt(revokedAccessTokens.expiresAt, now)).returning({ jti: revokedAccessTokens.jti }),
    db.delete(rateLimits).where(lt(rateLimits.resetAt, now)).returning({ key: rateLimits.key }),
    db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).returning({ id: idempotencyKeys.id }),
    db.delete(emailOutbox).where(and(isNotNull(emailOutbox.sentAt), lt(emailOutbox.sentAt, sql`${now} - make_interval(days => ${SENT_MAIL_DAYS})`))).returning({ id: emailOutbox.id }),
    db.delete(catalogChanges).where(lt(catalogChanges.createdAt, sql`${now} - interval '1 day'`)).returning({ id: catalogChanges.id }),
  ])
  return { refreshTokens: tokens.length, revokedAccessTokens: denials.length, rateLimits: limits.length, idempotencyKeys: keys.length, sentMails: mails.length, catalogChanges: changes.length }
}
