import type { H3Event } from 'h3'
import { clearRateLimit, forgiveRateLimit, hitRateLimit } from '../services/rate-limits'
import type { RateLimitRule } from '../services/rate-limits'
import { clientAddress } from './auth'
import { rateLimitSubject } from './client-address'
import { useConfig } from '../lib/config'
import { useDb } from './db'
import { tooManyRequests } from '../lib/errors'

/** What per-address limits count by: the client's address, or its IPv6 /64. */
export function addressSubject(event: H3Event) {
  const address = clientAddress(event)
  return address ? rateLimitSubject(address) : 'unknown'
}

/** A key to count under, its rule, and whether a legitimate attempt clears the count (rather than giving back only itself). */
export type RateLimitCount = readonly [key: string, rule: RateLimitRule, onSuccess?: 'clear']

/**
 * Counts one attempt under every key at once, before the work it guards, so concurrent
 * attempts cannot outrun the limits; answers 429 when any is past its limit. Returns a
 * function that gives the attempt back (it turned out legitimate). Nothing is counted
 * when RATE_LIMIT=off.
 */
export async function countAttempt(counts: readonly RateLimitCount[], message: string) {
  if (!useConfig().rateLimit) return async () => {}
  const db = useDb()
  const states = await Promise.all(counts.map(([key, rule]) => hitRateLimit(db, key, rule)))
  const exceeded = states.filter((state, i) => state.count > counts[i]![1].limit)
  if (exceeded.length > 0) throw tooManyRequests(message, Math.max(...exceeded.map(state => state.retryAfter)))
  return async () => {
    await Promise.all(counts.map(([key, , onSuccess]) => onSuccess === 'clear' ? clearRateLimit(db, key) : forgiveRateLimit(db, key)))
  }
}
