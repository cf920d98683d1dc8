import { readPhoto } from '#platform/photos'
import { IMAGE_WIDTHS } from '#shared/utils/images'

/** `products/<product id>/<content hash>-<width>.webp`: anything else is not one of ours. */
const VARIANT_PATH = new RegExp(`^products/[0-9a-f-]{36}/[0-9a-f]{16}-(?:${IMAGE_WIDTHS.join('|')})\\.webp$`)

/**
 * Product image variants. Their names carry the content's hash, so a URL always means the
 * same bytes: browsers and CDNs may keep them for a year without asking again.
 */
export default defineEventHandler(async (event) => {
  const path = getRouterParam(event, 'path') ?? ''
  const data = VARIANT_PATH.test(path) ? await readPhoto(path) : null
  if (!data) {
    // A bare answer: an <img> has no use for the storefront's HTML error page.
    setResponseStatus(event, 404)
    setResponseHeaders(event, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
    return 'Image not found'
  }
  setResponseHeaders(event, {
    'Content-Type': 'image/webp',
    'Content-Length': String(data.byteLength),
    'Cache-Control': 'public, max-age=31536000, immutable',
  })
  return data
})
