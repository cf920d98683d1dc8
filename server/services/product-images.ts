import { eq } from 'drizzle-orm'
import type { Storage } from 'unstorage'
import { products } from '../../drizzle/schema'
import type { ProductJson } from '#shared/types/api'
import type { Database } from '../database/client'
import { apiError } from '../lib/errors'
import { newImageKey, removeImageFiles, writeImageFiles } from '../lib/image-files'
import { makeImageVariants } from '#platform/images'
import { recordAudit } from './audit'
import type { Actor } from './audit'
import { catalogChanged, toProductJson } from './products'

/** Points the product at `imageKey` (or at no image) under a row lock, with its audit row. */
async function swapImage(db: Database, productId: string, imageKey: string | null, actor: Actor) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(products).where(eq(products.id, productId)).for('update')
    if (!before) throw apiError(404, 'Product not found')
    if (before.imageKey === imageKey) return { previousKey: null, product: toProductJson(before, { admin: true }) }
    const [row] = await tx.update(products).set({ imageKey }).where(eq(products.id, productId)).returning()
    await recordAudit(tx, actor, { action: 'product.image', entity: 'product', entityId: productId, before: { image_key: before.imageKey }, after: { image_key: imageKey } })
    await catalogChanged(tx, [productId])
    return { previousKey: before.imageKey, product: toProductJson(row!, { admin: true }) }
  })
}

/**
 * Stores the variants under a key of their own (each upload gets a new one, so its URLs
 * can be cached forever and no other upload ever touches its files), then points the
 * product at them; the previous photo's files go once nothing refers to them.
 */
export async function setProductImage(db: Database, images: Storage, productId: string, bytes: Buffer, actor: Actor): Promise<ProductJson> {
  const [exists] = await db.select({ id: products.id }).from(products).where(eq(products.id, productId))
  if (!exists) throw apiError(404, 'Product not found')
  const variants = await makeImageVariants(bytes)
  const imageKey = newImageKey(productId)
  // A failed write cleans up after itself; after a failed swap (the product deleted meanwhile) nothing points at the files.
  await writeImageFiles(images, imageKey, variants)
  let swapped
  try {
    swapped = await swapImage(db, productId, imageKey, actor)
  }
  catch (error) {
    await removeImageFiles(images, imageKey)
    throw error
  }
  await removeImageFiles(images, swapped.previousKey)
  return swapped.product
}

export async function removeProductImage(db: Database, images: Storage, productId: string, actor: Actor): Promise<ProductJson> {
  const { previousKey, product } = await swapImage(db, productId, null, actor)
  await removeImageFiles(images, previousKey)
  return product
}
