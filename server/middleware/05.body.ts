/** JSON bodies above this are refused before being read. */
const MAX_JSON_BYTES = 1024 * 1024

/**
 * Every API write with a body: it must say how long it is and be JSON. The body is parsed
 * here once (h3 caches it for the handler), so malformed JSON is a 400 on every route.
 */
export default defineEventHandler(async (event) => {
  if (!event.path.startsWith('/api/') || !['POST', 'PUT', 'PATCH', 'DELETE'].includes(event.method)) return
  const length = getRequestHeader(event, 'content-length')
  if (length === undefined) {
    if (getRequestHeader(event, 'transfer-encoding')) throw apiError(411, 'A Content-Length header is required')
    return
  }
  if (!/^\d+$/.test(length)) throw apiError(400, 'Invalid Content-Length header')
  const bytes = Number(length)
  if (bytes === 0) return
  if (bytes > MAX_JSON_BYTES) throw apiError(413, `Request body too large (at most ${MAX_JSON_BYTES} bytes)`)
  const type = getRequestHeader(event, 'content-type') ?? ''
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw apiError(415, 'Request bodies must be JSON (Content-Type: application/json)')
  }
  await readBody(event)
})
