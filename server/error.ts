import { translateMessage } from '#shared/i18n/api-messages'
import type { ErrorResponse } from './lib/errors'

/** The envelope in the request's language: its message and each field's (shared/i18n/api-messages.ts). */
function translateErrorBody(body: ErrorResponse['body'], locale: ShopLocale): ErrorResponse['body'] {
  if (locale === DEFAULT_LOCALE) return body
  const details = body.details && Object.fromEntries(Object.entries(body.details).map(([field, messages]) => [field, messages.map(message => translateMessage(message, locale))]))
  return { error: translateMessage(body.error, locale), ...(details ? { details } : {}) }
}

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
  setResponseHeaders(event, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Language': requestLocale(event), 'Vary': 'Accept-Language' })
  return send(event, JSON.stringify(translateErrorBody(body, requestLocale(event))))
})
