/**
 * Until migrations are applied (or while the database is still unreachable at boot),
 * everything but the health checks answers 503 rather than failing half-way.
 */
export default defineEventHandler(async (event) => {
  if (isDatabaseReady() || event.path.startsWith('/api/health')) return
  const settled = await Promise.race([
    databaseReady().then(() => true, () => false),
    new Promise<false>(resolve => setTimeout(resolve, 5_000, false)),
  ])
  if (!settled) {
    throw apiError(503, 'The shop is starting or its database is unreachable; try again shortly', { headers: { 'Retry-After': '5' } })
  }
})
