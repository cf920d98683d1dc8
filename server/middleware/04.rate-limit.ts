import type { H3Event } from 'h3'
import { LRUCache } from 'lru-cache'
import { RATE_LIMITS } from '../services/rate-limits'

/** Page renders counted per address on this instance: fixed windows, at most 100,000 addresses remembered. */
const renders = new LRUCache<string, { count: number, resetAt: number }>({ max: 100_000 })

/** What costs a render (or a sitemap): everything but the API, images and Nuxt's own asset paths. */
const isPageRequest = (path: string) => !/^\/(?:api|images)(?:[/?]|$)/.test(path) && !path.startsWith('/_')

/**
 * Generous per-address ceilings, against floods only. API calls are counted in the
 * database, shared by every instance. Pages are counted in this instance's memory, since
 * the CPU a render costs is this instance's, and a round trip per page would cost more.
 */
export default defineEventHandler(async (event) => {
  // The page being rendered already counted as the visitor's request; its own API calls do not.
  if (!useConfig().rateLimit || !clientAddress(event)) return
  if (isPageRequest(event.path)) return meterPage(event)
  if (!event.path.startsWith('/api/') || event.path.startsWith('/api/health')) return
  await countAttempt([[`api:${addressSubject(event)}`, RATE_LIMITS.apiPerAddress]], 'Too many requests; slow down')
})

/** Past the limit, a short plain-text answer: rendering an error page would cost what the limit saves. */
function meterPage(event: H3Event) {
  const { limit, windowSeconds } = RATE_LIMITS.pagesPerAddress
  const subject = addressSubject(event)
  const now = Date.now()
  let window = renders.get(subject)
  if (!window || window.resetAt <= now) renders.set(subject, window = { count: 0, resetAt: now + windowSeconds * 1000 })
  if (++window.count <= limit) return
  setResponseStatus(event, 429)
  setResponseHeaders(event, { 'Retry-After': String(Math.ceil((window.resetAt - now) / 1000)), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  return 'Too many pages asked for from your address; please wait a minute.\n'
}
