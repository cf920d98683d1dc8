import { and, count, eq, inArray, isNull } from 'drizzle-orm'
import sharp from 'sharp'
import type { Storage } from 'unstorage'
import { products } from '../../drizzle/schema'
import type { Database } from '../database/client'
import { DEMO_CATALOG } from '../database/demo-catalog'
import { DEMO_ACCOUNTS, hasRealAccounts, seedDemoData } from '../database/seed'
import { invalidateCatalog } from '../lib/catalog-versions'
import { newImageKey, removeImageFiles, writeImageFiles } from '../lib/image-files'
import { logger } from '../lib/logger'
import { makeImageVariants } from '#platform/images'

/** Lucide icons (ISC licence, the set the interface uses), 24 × 24, drawn large on each demo photo. */
const ICONS: Record<string, string> = {
  Coffee: '<path d="M10 2v2m4-2v2m2 4a1 1 0 0 1 1 1v8a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4V9a1 1 0 0 1 1-1h14a4 4 0 1 1 0 8h-1M6 2v2"/>',
  Tea: '<path d="M11 20a10 10 0 0 0 10-10a25.9 25.9 0 0 0-1.04-7.281a1 1 0 0 0-1.755-.325C15.833 5.5 13 5.5 9.8 6.1A7 7 0 0 0 11 20"/><path d="M2 21a5 5 0 0 1 2.911-4.544C7.613 15.212 8.351 15.24 11 13"/>',
  Brewing: '<path d="M14 2v6a2 2 0 0 0 .245.96l5.51 10.08A2 2 0 0 1 18 22H6a2 2 0 0 1-1.755-2.96l5.51-10.08A2 2 0 0 0 10 8V2M6.453 15h11.094M8.5 2h7"/>',
  Kitchen: '<path d="M2 12h20m-2 0v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-8m0-4l16-4M8.86 6.78l-.45-1.81a2 2 0 0 1 1.45-2.43l1.94-.48a2 2 0 0 1 2.43 1.46l.45 1.8"/>',
  Pantry: '<path d="M8 2h8M9 2v2.789a4 4 0 0 1-.672 2.219l-.656.984A4 4 0 0 0 7 10.212V20a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2v-9.789a4 4 0 0 0-.672-2.219l-.656-.984A4 4 0 0 1 15 4.788V2"/><path d="M7 15a6.47 6.47 0 0 1 5 0a6.47 6.47 0 0 0 5 0"/>',
  Gifts: '<path d="M12 7v14m8-10v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-8m3.5-4a1 1 0 0 1 0-5A4.8 8 0 0 1 12 7a4.8 8 0 0 1 4.5-5a1 1 0 0 1 0 5"/><rect width="18" height="4" x="3" y="7" rx="1"/>',
}

/** A hue per category, shifted a little per product so that neighbours differ. */
const HUES: Record<string, number> = { Coffee: 25, Tea: 140, Brewing: 200, Kitchen: 5, Pantry: 45, Gifts: 290 }

function drawing(category: string, index: number) {
  const hue = (HUES[category] ?? 220) + (index % 5) * 8 - 16
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200" viewBox="0 0 1200 900">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${hue} 45% 92%)"/><stop offset="1" stop-color="hsl(${hue} 40% 72%)"/>
  </linearGradient></defs>
  <rect width="1200" height="900" fill="url(#bg)"/>
  <circle cx="600" cy="450" r="270" fill="hsl(${hue} 45% 38%)" opacity="0.9"/>
  <g transform="translate(432 282) scale(14)" fill="none" stroke="hsl(${hue} 60% 96%)" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">${ICONS[category] ?? ICONS.Gifts}</g>
</svg>`)
}

/**
 * Illustrations for the demo catalog, so that a new shop looks like one: drawn for each
 * demo product that has no photo yet, through the same variants pipeline as uploads.
 */
export async function drawDemoPhotos(db: Database, images: Storage) {
  const rows = await db.select({ id: products.id, sku: products.sku }).from(products)
    .where(and(inArray(products.sku, DEMO_CATALOG.map(p => p.sku)), isNull(products.imageKey)))
  let drawn = 0
  for (const row of rows) {
    const index = DEMO_CATALOG.findIndex(p => p.sku === row.sku)
    const png = await sharp(drawing(DEMO_CATALOG[index]!.category, index)).png().toBuffer()
    const imageKey = newImageKey(row.id)
    await writeImageFiles(images, imageKey, await makeImageVariants(png))
    // An admin may have uploaded a photo meanwhile: theirs wins.
    const updated = await db.update(products).set({ imageKey }).where(and(eq(products.id, row.id), isNull(products.imageKey))).returning({ id: products.id })
    if (updated.length === 0) await removeImageFiles(images, imageKey)
    else drawn++
  }
  return drawn
}

/**
 * `npm run dev` on a new machine: an empty shop is no way to discover a shop. An empty
 * catalog gets the demo data (and the demo accounts if nobody has an account yet), then
 * its photos in the background: the shop opens meanwhile and shows them once all are made.
 */
export async function openDemoShop(db: Database, images: Storage) {
  const [row] = await db.select({ n: count() }).from(products)
  if (row && row.n > 0) return
  const withAccounts = !(await hasRealAccounts(db))
  const result = await seedDemoData(db, { accounts: withAccounts })
  const { admin, customer } = DEMO_ACCOUNTS
  logger.info('demo data loaded', { products: result.productsCreated })
  drawDemoPhotos(db, images).then(
    (photos) => {
      invalidateCatalog('*')
      logger.info('demo photos drawn', { photos })
    },
    (error: Error) => logger.warn('demo photos not drawn', { error: error.message }),
  )
  console.info([
    '',
    `  Comptoir demo shop: http://localhost:${process.env.PORT || process.env.NITRO_PORT || 3000}/`,
    ...withAccounts ? [`  Admin:    ${admin.email} / ${admin.password}`, `  Customer: ${customer.email} / ${customer.password}`] : [],
    '',
  ].join('\n'))
}
