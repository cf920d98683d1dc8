import { randomUUID } from 'node:crypto'

/** An incoming id is echoed only when it is short and plain; anything else is replaced. */
const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/

/**
 * Runs before every handler, static files included: gives each request an id (echoed in
 * `X-Request-Id`) and writes one JSON log line when its response is finished.
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('request', (event) => {
    const incoming = getRequestHeader(event, 'x-request-id')
    const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID()
    event.context.requestId = requestId
    setResponseHeader(event, 'X-Request-Id', requestId)

    const started = performance.now()
    // 'close' also fires when the client goes away before the response is complete.
    event.node.res.once('close', () => {
      const status = event.node.res.statusCode
      const fields = {
        method: event.method,
        path: event.path.split('?')[0],
        status,
        ...(event.node.res.writableFinished ? {} : { aborted: true }),
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        request_id: requestId,
        user_id: event.context.user?.id,
      }
      if (status >= 500) logger.error('request', fields)
      else logger.info('request', fields)
    })
  })
})
