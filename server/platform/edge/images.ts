import type { ImageWidth } from '#shared/utils/images'
import { apiError } from '../../lib/errors'

/**
 * No libvips in a Worker (and a 40-megapixel photo alone would fill its 128 MB): photos are
 * uploaded through the Node server, which writes them to the storage both read.
 */
export async function makeImageVariants(_bytes: Buffer): Promise<Map<ImageWidth, Buffer>> {
  throw apiError(501, 'Photos are processed by the Node server: upload them there (this is the edge build)')
}
