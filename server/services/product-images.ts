import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import type { Storage } from 'unstorage'
import { products } from '../../drizzle/schema'
import { IMAGE_FORMATS, IMAGE_WIDTHS, MIN_IMAGE_SIDE } from '../../shared/utils/images'
import type { ImageWidth } from '../../shared/utils/images'
import type { Database } from '../database/client'
import { apiError } from '../utils/errors'
import { imageKeyFor, removeImageFiles, writeImageFiles } from '../utils/image-files'
import { recordAudit } from './audit'
import type { Actor } from './audit'
import { announceCatalogChange, toProductJson } from './products'

/** Decoding is refused above this many pixels: a small file must not unpack into gigabytes. */
const MAX_INPUT_PIXELS = 50_000_000

const WEBP_QUALITY = 80

function invalidImage(message: string, status = 400) {
  return apiError(status, message, { details: { image: [message] } })
}

/**
 * Checks what the bytes really are (whatever the file name or Content-Type claim) and
 * makes the WebP variants: EXIF orientation applied, metadata (GPS and all) dropped,
 * never enlarged.
 */
export async function makeImageVariants(bytes: Buffer): Promise<Map<ImageWidth, Buffer>> {
  // The header alone tells the format and size; decoding waits until they pass.
  const metadata = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => undefined)
  if (!metadata?.format) throw invalidImage('The file is not an image')
  if (!(IMAGE_FORMATS as readonly string[]).includes(metadata.format)) {
    throw invalidImage(`Images must be JPEG, PNG or WebP (this file is ${metadata.format.toUpperCase()})`, 415)
  }
  if ((metadata.pages ?? 1) > 1) throw invalidImage('Animated images are not accepted')
  if (metadata.width * metadata.height > MAX_INPUT_PIXELS) throw invalidImage('The image is too large (at most 50 megapixels)')
  if (Math.min(metadata.width, metadata.height) < MIN_IMAGE_SIDE) {
    throw invalidImage(`The image is too small: at least ${MIN_IMAGE_SIDE} × ${MIN_IMAGE_SIDE} pixels`)
  }
  const oriented = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate()
  try {
    const variants = await Promise.all(IMAGE_WIDTHS.map(width =>
      oriented.clone().resize({ width, withoutEnlargement: true }).webp({ quality: WEBP_QUALITY }).toBuffer(),
    ))
    return new Map(IMAGE_WIDTHS.map((width, i) => [width, variants[i]!]))
  }
  catch {
    throw invalidImage('The image could not be decoded (damaged or truncated file)')
  }
}

/** Points the product at `imageKey` (or at no image) under a row lock, with its audit row. */
async function swapImage(db: Database, productId: string, imageKey: string | null, actor: Actor) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(products).where(eq(products.id, productId)).for('update')
    if (!before) throw apiError(404, 'Product not found')
    const [row] = await tx.update(products).set({ imageKey }).where(eq(products.id, productId)).returning()
    await recordAudit(tx, { actorId: actor.id, action: 'product.image', entity: 'product', entityId: productId, before: { image_key: before.imageKey }, after: { image_key: imageKey }, ipAddress: actor.ipAddress, requestId: actor.requestId })
    await announceCatalogChange(tx, productId)
    return { previousKey: before.imageKey, product: toProductJson(row!, { admin: true }) }
  })
}

/**
 * Stores the variants under a key named by the content's hash (so their URLs can be
 * cached forever), then points the product at them; the previous image's files go once
 * nothing refers to them.
 */
export async function setProductImage(db: Database, images: Storage, productId: string, bytes: Buffer, actor: Actor) {
  const [current] = await db.select({ imageKey: products.imageKey }).from(products).where(eq(products.id, productId))
  if (!current) throw apiError(404, 'Product not found')
  const variants = await makeImageVariants(bytes)
  const imageKey = imageKeyFor(productId, bytes)
  await writeImageFiles(images, imageKey, variants)
  let swapped
  try {
    swapped = await swapImage(db, productId, imageKey, actor)
  }
  catch (error) {
    if (imageKey !== current.imageKey) await removeImageFiles(images, imageKey)
    throw error
  }
  if (swapped.previousKey !== imageKey) await removeImageFiles(images, swapped.previousKey)
  return swapped.product
}

export async function removeProductImage(db: Database, images: Storage, productId: string, actor: Actor) {
  const { previousKey, product } = await swapImage(db, productId, null, actor)
  await removeImageFiles(images, previousKey)
  return product
}
