import sharp from 'sharp'
import { createStorage } from 'unstorage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { products } from '../../drizzle/schema'
import { DEMO_CATALOG } from '../../server/database/demo-catalog'
import { seedDemoData } from '../../server/database/seed'
import { drawDemoPhotos } from '../../server/services/demo-shop'
import { IMAGE_WIDTHS, imageVariantPath } from '../../shared/utils/images'
import { openMigratedTestDatabase } from '../support/database'

let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>
beforeAll(async () => {
  database = await openMigratedTestDatabase('photos')
  await seedDemoData(database.db, { accounts: false })
})
afterAll(() => database.close())

describe('demo photos (drawn when `npm run dev` seeds an empty database)', () => {
  it('gives every demo product a photo in all widths, once', async () => {
    const images = createStorage()
    expect(await drawDemoPhotos(database.db, images)).toBe(DEMO_CATALOG.length)
    const rows = await database.db.select({ imageKey: products.imageKey }).from(products)
    expect(rows.every(row => row.imageKey)).toBe(true)
    for (const width of IMAGE_WIDTHS) {
      const variant = await images.getItemRaw<Buffer>(imageVariantPath(rows[0]!.imageKey!, width))
      expect(await sharp(variant!).metadata()).toMatchObject({ format: 'webp', width })
    }
    expect(await drawDemoPhotos(database.db, images)).toBe(0)
  })
})
