import { createHash } from 'node:crypto'
import type { Storage } from 'unstorage'
import { IMAGE_WIDTHS, MAX_IMAGE_BYTES, imageVariantPath } from '../../shared/utils/images'
import type { ImageWidth } from '../../shared/utils/images'
import { apiError } from './errors'
import { logger } from './logger'

/** The product images' storage mount (filesystem in `.data/images` unless configured otherwise). */
export const IMAGE_STORAGE = 'images'

/** Variants live under a key named by the upload's hash: a URL always means the same bytes. */
export function imageKeyFor(productId: string, bytes: Buffer) {
  return `products/${productId}/${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`
}

export function imageTooLarge() {
  const limit = `${MAX_IMAGE_BYTES / 1024 / 1024} MB`
  return apiError(413, `Image too large (at most ${limit})`, { details: { image: [`The file must be at most ${limit}`] } })
}

export async function writeImageFiles(images: Storage, imageKey: string, variants: Map<ImageWidth, Buffer>) {
  await Promise.all([...variants].map(([width, data]) => images.setItemRaw(imageVariantPath(imageKey, width), data)))
}

/** Files outlive nothing that points at them; a failure to delete one is logged, not fatal. */
export async function removeImageFiles(images: Storage, imageKey: string | null) {
  if (!imageKey) return
  await Promise.all(IMAGE_WIDTHS.map(width => images.removeItem(imageVariantPath(imageKey, width)).catch((error: unknown) => {
    logger.warn('image file not removed', { key: imageVariantPath(imageKey, width), error: String(error) })
  })))
}
