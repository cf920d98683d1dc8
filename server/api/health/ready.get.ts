/** Readiness: migrations are applied and the database answers now. */
export default defineEventHandler(async (event) => {
  setResponseHeader(event, 'Cache-Control', 'no-store')
  if (!isDatabaseReady() || !(await pingDatabase())) {
    throw apiError(503, 'Database unavailable', { headers: { 'Retry-After': '5' } })
  }
  return { status: 'ok', database: 'ok' }
})
