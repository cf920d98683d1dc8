import { IMAGE_STORAGE } from '../lib/image-files'
import { openDemoShop } from '../services/demo-shop'

/**
 * `npm run dev` only (registered by nuxt.config's `$development`): an empty database gets
 * the demo shop once migrated, before the first request is let through.
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('comptoir:database-migrated', db => openDemoShop(db, useStorage(IMAGE_STORAGE)))
})
