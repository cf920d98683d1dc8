/**
 * The bare-Nuxt floor: a minimal Nuxt app (no modules, no UI library, no middleware) that
 * renders the storefront's markup (../markup.ts) from the same database with `useFetch` to
 * its own API routes and `useSeoMeta`, so the bench shows what Nuxt itself costs beside the
 * shop. Built by `npm run bench` into its own .output.
 */
export default defineNuxtConfig({
  devtools: { enabled: false },
  compatibilityDate: '2026-11-01',
  telemetry: false,
})
