import { cp } from 'node:fs/promises'
import { join, resolve } from 'node:path'

export default defineNuxtConfig({
  modules: ['@nuxt/eslint', '@nuxt/ui', '@pinia/nuxt'],
  devtools: { enabled: false },
  css: ['~/assets/css/main.css'],

  // No network beyond the package registries: fonts are the system's, icons ship with the bundle.
  ui: { fonts: false },
  srcDir: '.',
  compatibilityDate: '2026-11-01',

  // server/lib (errors, logging, configuration, passwords…) is what services build on; handlers get it auto-imported like server/utils.
  nitro: { imports: { dirs: ['server/lib'] } },

  typescript: {
    strict: true,
    // Tools (scripts, tests, migrations config) are Node code, type-checked with Node's types.
    // test/nuxt runs inside the app (@nuxt/test-utils), so the app's config checks it.
    tsConfig: { exclude: ['../scripts/**', '../test/api/**', '../test/unit/**', '../test/e2e/**', '../test/support/**', '../bench/**', '../*.config.ts'] },
    nodeTsConfig: {
      include: ['../scripts/**/*', '../test/**/*', '../bench/**/*', '../drizzle.config.ts', '../vitest.config.ts', '../playwright.config.ts'],
      // Tests import server code, which imports shared code as `#shared/…`.
      compilerOptions: { paths: { '#shared': ['../shared'], '#shared/*': ['../shared/*'] } },
    },
  },
  telemetry: false,

  hooks: {
    // API errors get the JSON envelope from server/error.ts first; pages fall through to Nuxt's handler (error.vue).
    'nitro:config'(config) {
      // Nuxt's schema types Nitro's options loosely (it supports several Nitro majors).
      const nitroConfig = config as { errorHandler?: string | string[], storage?: Record<string, unknown>, compressPublicAssets?: boolean }
      // The build writes gzip and brotli copies of the client assets; Nitro sends the one the browser takes.
      nitroConfig.compressPublicAssets = true
      // Nitro 2 takes a list of error handlers, tried in order.
      nitroConfig.errorHandler = [resolve(import.meta.dirname, 'server/error.ts'), ...[nitroConfig.errorHandler ?? []].flat()]
      nitroConfig.storage = {
        // Product images: files under the working directory's .data/ unless `nitro.storage.images` names another unstorage driver.
        images: { driver: 'fs', base: './.data/images' },
        ...nitroConfig.storage,
        // Nitro's cache (Nuxt Icon's endpoint caches by query) is a bounded LRU: no flood of distinct queries can grow memory without limit.
        cache: { driver: 'lru-cache', max: 2000 },
      }
    },
    // No <link rel="prefetch"> of every lazy chunk (the admin's included) on every page: NuxtLink prefetches what a visitor may open next.
    'build:manifest'(manifest) {
      for (const chunk of Object.values(manifest)) chunk.prefetch = false
    },
    // The router options live at the root beside the pages (Nuxt looks in app/, which this layout does not have).
    'pages:routerOptions'({ files }) {
      files.push({ path: resolve(import.meta.dirname, 'router.options.ts') })
    },
    'nitro:init'(nitro) {
      // The built server applies migrations at boot: ship them beside it.
      nitro.hooks.hook('compiled', async () => {
        await cp(resolve(import.meta.dirname, 'drizzle/migrations'), join(nitro.options.output.serverDir, 'drizzle/migrations'), { recursive: true })
      })
    },
  },

  eslint: { config: { stylistic: true } },
  icon: { serverBundle: 'local', clientBundle: { scan: true } },
})
