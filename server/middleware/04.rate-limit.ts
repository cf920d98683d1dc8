import { hitRateLimit, RATE_LIMITS } from '../services/rate-limits'

/** A generous per-address ceiling on API calls, shared by every instance through the database. */
export default defineEventHandler(async (event) => {
  if (!useConfig().rateLimit || !event.path.startsWith('/api/') || event.path.startsWith('/api/health')) return
  const address = clientAddress(event)
  // The page being rendered already counted as the visitor's request; its own API calls do not.
  if (!address) return
  const { count, retryAfter } = await hitRateLimit(useDb(), `api:${address}`, RATE_LIMITS.apiPerAddress)
  if (count > RATE_LIMITS.apiPerAddress.limit) {
    throw apiError(429, 'Too many requests; slow down', { headers: { 'Retry-After': String(retryAfter) } })
  }
})
