import { fileURLToPath } from 'node:url'
import { defineVitestProject } from '@nuxt/test-utils/config'
import { defineConfig } from 'vitest/config'

/** Server code imports shared code, and its platform's side (the Node server's here), as Nuxt names them. */
const resolve = {
  alias: {
    '#shared': fileURLToPath(new URL('./shared', import.meta.url)),
    '#platform': fileURLToPath(new URL('./server/platform/node', import.meta.url)),
  },
}

/** PostgreSQL-only tests (locks, concurrency) join the run when DATABASE_URL names a server. */
const onPostgres = Boolean(process.env.DATABASE_URL)

/**
 * TEST_TARGET=edge runs the API tests against the edge bundle in workerd (test/api/global-setup.ts),
 * less what only the Node server does: photo processing, its own boot, shutdown and scripts, several
 * instances sharing NOTIFY, the development demo shop. test/api/edge.test.ts is what differs there.
 */
const onEdge = process.env.TEST_TARGET === 'edge'
/** Files that start Node servers of their own: the shared server (edge, cluster) plays no part in them. */
const OWN_SERVERS = ['demo-shop', 'lifecycle', 'scripts', 'rate-limits', 'postgres/migrations', 'postgres/catalog-cache', 'postgres/replica']
const NODE_ONLY = ['product-images', ...OWN_SERVERS].map(name => `test/api/${name}.test.ts`)
/**
 * TEST_TARGET=cluster runs them through three Node instances behind nginx (`npm run cluster`),
 * with test/api/cluster.test.ts for what several instances must agree on.
 */
const onCluster = process.env.TEST_TARGET === 'cluster'
const targetFiles = onEdge
  ? { exclude: [...NODE_ONLY, 'test/api/cluster.test.ts'] }
  : onCluster
    ? { exclude: ['test/api/edge.test.ts', ...OWN_SERVERS.map(name => `test/api/${name}.test.ts`)] }
    : { exclude: ['test/api/edge.test.ts', 'test/api/cluster.test.ts'] }

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
          exclude: [...onPostgres ? [] : ['test/api/postgres/**'], ...targetFiles.exclude],
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
