import { defineConfig } from 'vitest/config'

/** PostgreSQL-only tests (locks, concurrency) join the run when DATABASE_URL names a server. */
const onPostgres = Boolean(process.env.DATABASE_URL)

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
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
    ],
  },
})
