/**
 * API errors become the `{ error, details }` envelope here; page errors go on to Nuxt's
 * handler, which renders error.vue with the same status.
 */
export default defineNitroErrorHandler((error, event) => {
  if (!event.path.startsWith('/api/')) return
  const { status, body, headers } = toErrorResponse(error)
  if (status >= 500) {
    logger.error('request error', {
      request_id: event.context.requestId,
      path: event.path.split('?')[0],
      error: error.message,
      cause: error.cause instanceof Error ? error.cause.message : undefined,
      stack: error.stack,
    })
  }
  setResponseStatus(event, status)
  setResponseHeaders(event, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
  return send(event, JSON.stringify(body))
})
