import { cp } from 'node:fs/promises'
import { join, resolve } from 'node:path'

/** The platform seam's two sides (server/platform/node/index.ts). */
const NODE_PLATFORM = resolve(import.meta.dirname, 'server/platform/node')
const EDGE_PLATFORM = resolve(import.meta.dirname, 'server/platform/edge')

export default defineNuxtConfig({
  modules: ['@nuxt/eslint', '@nuxt/ui', '@pinia/nuxt', '@nuxtjs/i18n'],

  $development: {
    // The demo shop a first `npm run dev` opens with.
    nitro: { plugins: [resolve(import.meta.dirname, 'server/dev/demo-shop.ts')] },
  },

  // `nuxt build --envName edge` (npm run build:edge): the same source as a Cloudflare Worker, in .output-edge/.
  $env: {
    edge: {
      buildDir: 'node_modules/.cache/nuxt-edge',
      alias: { '#platform': EDGE_PLATFORM },
      nitro: { output: { dir: '.output-edge' } },
    },
  },
  devtools: { enabled: false },
  css: ['~/assets/css/main.css'],

  // The theme the visitor chose is a cookie, so the server renders it (plugins/theme.server.ts) and no page flashes.
  colorMode: { storage: 'cookie', storageKey: 'comptoir_theme' },

  // No network beyond the package registries: fonts are the system's, icons ship with the bundle.
  ui: { fonts: false },
  srcDir: '.',
  // The platform seam (server/platform/node/index.ts): the Node server's side unless built for the edge.
  alias: { '#platform': NODE_PLATFORM },
  compatibilityDate: '2026-11-01',

  nitro: {
    // server/lib (errors, logging, configuration, passwords…) is what services build on; handlers get it auto-imported like server/utils.
    imports: { dirs: ['server/lib'] },
  },

  typescript: {
    strict: true,
    // Tools (scripts, tests, migrations config) are Node code, type-checked with Node's types.
    // test/nuxt runs inside the app (@nuxt/test-utils), so the app's config checks it.
    tsConfig: { exclude: ['../scripts/**', '../test/api/**', '../test/unit/**', '../test/e2e/**', '../test/support/**', '../bench/**', '../*.config.ts'] },
    nodeTsConfig: {
      include: ['../scripts/**/*', '../test/**/*', '../bench/**/*', '../drizzle.config.ts', '../vitest.config.ts', '../playwright.config.ts'],
      // Tests import server code, which imports shared code as `#shared/…`.
      compilerOptions: { paths: { '#shared': ['../shared'], '#shared/*': ['../shared/*'], '#platform': ['../server/platform/node'], '#platform/*': ['../server/platform/node/*'] } },
    },
  },
  telemetry: false,

  hooks: {
    // API errors get the JSON envelope from server/error.ts first; pages fall through to Nuxt's handler (error.vue).
    'nitro:config'(config) {
      // Nuxt's schema types Nitro's options loosely (it supports several Nitro majors).
      const nitroConfig = config as {
        preset?: string
        alias?: Record<string, string>
        plugins?: string[]
        cloudflare?: Record<string, unknown>
        tasks?: Record<string, { handler: string }>
        scheduledTasks?: Record<string, string[]>
        experimental?: Record<string, unknown>
        errorHandler?: string | string[]
        storage?: Record<string, unknown>
        compressPublicAssets?: boolean
      }
      const edge = nitroConfig.alias?.['#platform'] === EDGE_PLATFORM
      if (edge) {
        // The edge build: a Worker, with useEvent() for the per-request database, the argon2 WebAssembly imported as modules, Cron Triggers as tasks.
        nitroConfig.preset = 'cloudflare-module'
        nitroConfig.experimental = { ...nitroConfig.experimental, asyncContext: true, wasm: true, tasks: true }
        nitroConfig.plugins = [...nitroConfig.plugins ?? [], resolve(import.meta.dirname, 'server/edge/plugin.ts')]
        // What the Node server's timers do, as Cron Triggers.
        nitroConfig.tasks = {
          'mail:send': { handler: resolve(import.meta.dirname, 'server/edge/tasks/mail-send.ts') },
          'maintenance:prune': { handler: resolve(import.meta.dirname, 'server/edge/tasks/maintenance-prune.ts') },
          'payments:release': { handler: resolve(import.meta.dirname, 'server/edge/tasks/payments-release.ts') },
        }
        nitroConfig.scheduledTasks = { '* * * * *': ['mail:send', 'payments:release'], '*/15 * * * *': ['maintenance:prune'] }
        // .output-edge/server/wrangler.json: what `wrangler dev` (npm run preview:edge) and `wrangler deploy` read.
        nitroConfig.cloudflare = {
          ...nitroConfig.cloudflare,
          deployConfig: true,
          nodeCompat: true,
          wrangler: {
            name: 'comptoir',
            triggers: { crons: Object.keys(nitroConfig.scheduledTasks) },
            // The product photos (server/platform/edge/photos.ts), which the Node server writes (through R2's S3 API) and both serve.
            r2_buckets: [{ binding: 'IMAGES', bucket_name: 'comptoir-images' }],
          },
        }
      }
      // The build writes gzip and brotli copies of the client assets; Nitro sends the one the browser takes.
      nitroConfig.compressPublicAssets = true
      // Before any module's plugin: API calls and assets share the runtime configuration (server/early/shared-runtime-config.ts).
      if (!edge) nitroConfig.plugins = [resolve(import.meta.dirname, 'server/early/shared-runtime-config.ts'), ...nitroConfig.plugins ?? []]
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
      // The built Node server applies migrations at boot: ship them beside it (the edge's are applied beforehand).
      if (nitro.options.preset === 'cloudflare-module') return
      nitro.hooks.hook('compiled', async () => {
        await cp(resolve(import.meta.dirname, 'drizzle/migrations'), join(nitro.options.output.serverDir, 'drizzle/migrations'), { recursive: true })
      })
    },
  },

  eslint: { config: { stylistic: true } },

  // English and French (shared/i18n.ts): English at `/…`, French at `/fr/…` with the same paths. The first visit to `/`
  // is sent to French by Accept-Language on the server (server/middleware/01.locale.ts), before the page cache.
  i18n: {
    strategy: 'prefix_except_default',
    defaultLocale: 'en',
    locales: [
      { code: 'en', language: 'en-IE', name: 'English', files: ['en/common.json', 'en/shop.json', 'en/account.json', 'en/admin.json'] },
      { code: 'fr', language: 'fr-FR', name: 'Français', files: ['fr/common.json', 'fr/shop.json', 'fr/account.json', 'fr/admin.json'] },
    ],
    detectBrowserLanguage: false,
  },
  icon: { serverBundle: 'local', clientBundle: { scan: true } },
})
