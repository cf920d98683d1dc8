import { randomBytes } from 'node:crypto'
import type { Storage } from 'unstorage'
import { IMAGE_WIDTHS, MAX_IMAGE_BYTES, imageVariantPath } from '#shared/utils/images'
import type { ImageWidth } from '#shared/utils/images'
import { apiError } from './errors'
import { logger } from './logger'

/** The product images' storage mount (filesystem in `.data/images` unless configured otherwise). */
export const IMAGE_STORAGE = 'images'

/** A fresh key per upload: a URL always means the same bytes, and no two uploads share files. */
export function newImageKey(productId: string) {
  return `products/${productId}/${randomBytes(8).toString('hex')}`
}

export function imageTooLarge() {
  const limit = `${MAX_IMAGE_BYTES / 1024 / 1024} MB`
  return apiError(413, `Image too large (at most ${limit})`, { details: { image: [`The file must be at most ${limit}`] } })
}

/** Writes every variant, or (when one write fails) none. */
export async function writeImageFiles(images: Storage, imageKey: string, variants: Map<ImageWidth, Buffer>) {
  try {
    await Promise.all([...variants].map(([width, data]) => images.setItemRaw(imageVariantPath(imageKey, width), data)))
  }
  catch (error) {
    await removeImageFiles(images, imageKey)
    throw error
  }
}

/** Files outlive nothing that points at them; a failure to delete one is logged, not fatal. */
export async function removeImageFiles(images: Storage, imageKey: string | null) {
  if (!imageKey) return
  await Promise.all(IMAGE_WIDTHS.map(width => images.removeItem(imageVariantPath(imageKey, width)).catch((error: unknown) => {
    logger.warn('image file not removed', { key: imageVariantPath(imageKey, width), error: String(error) })
  })))
}
