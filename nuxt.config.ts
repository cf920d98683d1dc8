import { cp } from 'node:fs/promises'
import { join, resolve } from 'node:path'

export default defineNuxtConfig({
  compatibilityDate: '2026-11-01',
  srcDir: '.',
  modules: ['@nuxt/eslint', '@nuxt/ui', '@pinia/nuxt'],
  css: ['~/assets/css/main.css'],
  devtools: { enabled: false },
  telemetry: false,

  // No network beyond the package registries: fonts are the system's, icons ship with the bundle.
  ui: { fonts: false },
  icon: { serverBundle: 'local', clientBundle: { scan: true } },

  typescript: {
    strict: true,
    // Tools (scripts, tests, migrations config) are Node code, type-checked with Node's types.
    tsConfig: { exclude: ['../scripts/**', '../test/**', '../bench/**', '../*.config.ts'] },
    nodeTsConfig: {
      include: ['../scripts/**/*', '../test/**/*', '../bench/**/*', '../drizzle.config.ts', '../vitest.config.ts', '../playwright.config.ts'],
    },
  },

  eslint: { config: { stylistic: true } },

  nitro: {
    hooks: {
      // The built server applies migrations at boot: ship them beside it.
      async compiled(nitro) {
        await cp(resolve(nitro.options.rootDir, 'drizzle/migrations'), join(nitro.options.output.serverDir, 'drizzle/migrations'), { recursive: true })
      },
    },
  },

  hooks: {
    // API errors get the JSON envelope from server/error.ts first; pages fall through to Nuxt's handler (error.vue).
    'nitro:config'(config) {
      const handlers = [config.errorHandler ?? []].flat()
      config.errorHandler = [resolve(import.meta.dirname, 'server/error.ts'), ...handlers]
    },
  },
})
