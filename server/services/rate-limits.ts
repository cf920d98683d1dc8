import { eq, sql } from 'drizzle-orm'
import { rateLimits } from '../../drizzle/schema'
import type { Database } from '../database/client'

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number
  windowSeconds: number
}

/**
 * Sign-in attempts are counted before the password is checked and given back when it was
 * right (see login.post.ts for how the keys combine).
 */
export const RATE_LIMITS = {
  /** Attempts on one account from one address. */
  loginPerAccountAndAddress: { limit: 5, windowSeconds: 60 },
  /** Attempts on one account from a browser that signed in to it before (its device cookie). */
  loginPerDevice: { limit: 5, windowSeconds: 60 },
  /** Attempts on one account from browsers it was never used on, all addresses together: against guessing from many addresses. */
  loginPerAccount: { limit: 50, windowSeconds: 3600 },
  /** Attempts from one address, whatever the accounts. */
  loginPerAddress: { limit: 20, windowSeconds: 60 },
  registerPerAddress: { limit: 10, windowSeconds: 3600 },
  /** Wrong current passwords on the account page, per account. */
  passwordCheckPerAccount: { limit: 5, windowSeconds: 900 },
  /** Refreshes of one session: a browser needs a few an hour. */
  refreshPerSession: { limit: 120, windowSeconds: 3600 },
  /** Verification mails asked for again, per account. */
  verificationMailPerAccount: { limit: 3, windowSeconds: 3600 },
  /** Every mail the shop sends about one account. */
  mailPerAccount: { limit: 30, windowSeconds: 3600 },
  /** Every API call from one address: generous, against floods only. */
  apiPerAddress: { limit: 600, windowSeconds: 60 },
  /** Pages rendered for one address, per instance (it is this instance's CPU they cost). */
  pagesPerAddress: { limit: 240, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>

export interface RateLimitState {
  count: number
  /** Seconds until the window resets. */
  retryAfter: number
}

/**
 * Counts one more event under `key` in a fixed window, atomically in the database so
 * that every server instance shares the count. Returns the count including this one.
 */
export async function hitRateLimit(db: Database, key: string, rule: RateLimitRule): Promise<RateLimitState> {
  const expired = sql`${rateLimits.resetAt} <= now()`
  const [row] = await db.insert(rateLimits)
    .values({ key, count: 1, resetAt: sql`now() + make_interval(secs => ${rule.windowSeconds})` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        resetAt: sql`case when ${expired} then excluded.reset_at else ${rateLimits.resetAt} end`,
      },
    })
    .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt })
  return toState(row)
}

export async function clearRateLimit(db: Database, key: string) {
  await db.delete(rateLimits).where(eq(rateLimits.key, key))
}

/** Gives one counted event back (an attempt that turned out to be legitimate). */
export async function forgiveRateLimit(db: Database, key: string) {
  await db.update(rateLimits).set({ count: sql`greatest(${rateLimits.count} - 1, 0)` }).where(eq(rateLimits.key, key))
}

function toState(row: { count: number, resetAt: Date } | undefined): RateLimitState {
  if (!row) return { count: 0, retryAfter: 0 }
  return { count: row.count, retryAfter: Math.max(1, Math.ceil((row.resetAt.getTime() - Date.now()) / 1000)) }
}
