import { fileURLToPath } from 'node:url'
import { defineVitestProject } from '@nuxt/test-utils/config'
import { defineConfig } from 'vitest/config'

/** Server code imports shared code as Nuxt names it. */
const resolve = { alias: { '#shared': fileURLToPath(new URL('./shared', import.meta.url)) } }

/** PostgreSQL-only tests (locks, concurrency) join the run when DATABASE_URL names a server. */
const onPostgres = Boolean(process.env.DATABASE_URL)

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve,
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          exclude: onPostgres ? [] : ['test/api/postgres/**'],
          environment: 'node',
          globalSetup: ['test/api/global-setup.ts'],
          // One shared server and database: files run one after another, each leaving the catalog as it found it.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
      // Composables, stores and components, run inside a Nuxt app in happy-dom; the network is mocked (registerEndpoint).
      defineVitestProject({
        test: {
          name: 'nuxt',
          include: ['test/nuxt/**/*.test.ts'],
          environment: 'nuxt',
          environmentOptions: {
            nuxt: {
              domEnvironment: 'happy-dom',
              // The test app is built in a folder of its own: .nuxt stays the one `nuxt dev` and `nuxt prepare` wrote.
              overrides: { buildDir: 'node_modules/.cache/nuxt-test' },
            },
          },
        },
      }),
    ],
  },
})
