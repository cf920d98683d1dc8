import type { TestProject } from 'vitest/node'
import { ensureBuild } from '../support/build.ts'
import { createTestDatabase, seedTestDatabase } from '../support/database.ts'
import { ALLOWED_ORIGIN, startServer } from '../support/server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    serverLog: string
  }
}

/** One built server on one fresh, seeded database for the whole API run. */
export default async function setup(project: TestProject) {
  ensureBuild()
  const database = await createTestDatabase('api')
  await seedTestDatabase(database)
  const server = await startServer({
    cwd: database.cwd,
    // Rate limits have their own server in rate-limits.test.ts: here every test shares one address.
    env: { DATABASE_URL: database.url, RATE_LIMIT: 'off', ALLOWED_ORIGINS: ALLOWED_ORIGIN },
  })
  console.info(`[test] API tests on ${database.url ? 'PostgreSQL' : 'PGlite'}, server at ${server.url}`)
  project.provide('baseURL', server.url)
  project.provide('serverLog', server.logFile)
  return async () => {
    await server.stop()
    await database.drop()
  }
}
