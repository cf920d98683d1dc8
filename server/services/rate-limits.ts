import { and, eq, gt, sql } from 'drizzle-orm'
import { rateLimits } from '../../drizzle/schema'
import type { Database } from '../database/client'

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number
  windowSeconds: number
}

export const RATE_LIMITS = {
  /** Failed sign-ins for one account, whatever the address. */
  loginPerAccount: { limit: 5, windowSeconds: 60 },
  /** Failed sign-ins from one address, whatever the account. */
  loginPerAddress: { limit: 20, windowSeconds: 60 },
  registerPerAddress: { limit: 10, windowSeconds: 3600 },
  /** Every API call from one address: generous, against floods only. */
  apiPerAddress: { limit: 600, windowSeconds: 60 },
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

/** The current count under `key` without adding to it (0 once the window has passed). */
export async function peekRateLimit(db: Database, key: string): Promise<RateLimitState> {
  const [row] = await db.select({ count: rateLimits.count, resetAt: rateLimits.resetAt }).from(rateLimits)
    .where(and(eq(rateLimits.key, key), gt(rateLimits.resetAt, sql`now()`)))
  return toState(row)
}

export async function clearRateLimit(db: Database, key: string) {
  await db.delete(rateLimits).where(eq(rateLimits.key, key))
}

function toState(row: { count: number, resetAt: Date } | undefined): RateLimitState {
  if (!row) return { count: 0, retryAfter: 0 }
  return { count: row.count, retryAfter: Math.max(1, Math.ceil((row.resetAt.getTime() - Date.now()) / 1000)) }
}
