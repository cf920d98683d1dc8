/** Health checks report the database themselves; Nuxt renders error pages through `/__nuxt_error`. */
const UNGATED = ['/api/health', '/__nuxt_error']

/**
 * Until migrations are applied (or while the database is still unreachable at boot),
 * API calls and pages answer 503 rather than failing half-way.
 */
export default defineEventHandler(async (event) => {
  if (isDatabaseReady() || UNGATED.some(prefix => event.path.startsWith(prefix))) return
  const settled = await within(databaseReady().then(() => true, () => false), 5_000, false)
  if (!settled) {
    throw apiError(503, 'The shop is starting or its database is unreachable; try again shortly', { headers: { 'Retry-After': '5' } })
  }
})
