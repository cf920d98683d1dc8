import { MAX_IMAGE_BYTES } from '#shared/utils/images'

/** JSON bodies above this are refused before being read. */
const MAX_JSON_BYTES = 1024 * 1024

/** The one route that takes a file: an image and the multipart envelope around it. */
const IMAGE_UPLOAD = /^\/api\/products\/[^/]+\/image$/
const MAX_UPLOAD_BYTES = MAX_IMAGE_BYTES + 64 * 1024

/**
 * Every API write with a body: it must say how long it is and be JSON (or, for an image
 * upload, multipart). A JSON body is parsed here once (h3 caches it for the handler), so
 * malformed JSON is a 400 on every route.
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
  const type = getRequestHeader(event, 'content-type') ?? ''
  if (event.method === 'PUT' && IMAGE_UPLOAD.test(event.path.split('?')[0]!)) {
    if (bytes > MAX_UPLOAD_BYTES) throw imageTooLarge()
    if (!/^multipart\/form-data\s*;/i.test(type)) throw apiError(415, 'Images are sent as multipart/form-data')
    return
  }
  if (bytes > MAX_JSON_BYTES) throw apiError(413, `Request body too large (at most ${MAX_JSON_BYTES} bytes)`)
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw apiError(415, 'Request bodies must be JSON (Content-Type: application/json)')
  }
  await readBody(event)
})
