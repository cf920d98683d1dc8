import type { TestProject } from 'vitest/node'
import { ensureBuild, ensureEdgeBuild } from '../support/build.ts'
import { join } from 'node:path'
import { createTestDatabase, seedTestDatabase } from '../support/database.ts'
import { startMailApiStandIn } from '../support/mail-api.ts'
import { ALLOWED_ORIGIN, startServer } from '../support/server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    serverLog: string
    /** The run's PostgreSQL database (empty on PGlite), for tests that play another instance. */
    databaseUrl: string
  }
}

/**
 * One built server on one fresh, seeded database for the whole API run: the Node server, or
 * with TEST_TARGET=edge the edge bundle in workerd (on PostgreSQL only).
 */
export default async function setup(project: TestProject) {
  const edge = process.env.TEST_TARGET === 'edge'
  if (edge) ensureEdgeBuild()
  else ensureBuild()
  const database = await createTestDatabase('api')
  await seedTestDatabase(database)
  // The edge bundle mails through an HTTP API: a local stand-in writes its mails where the Node server writes its own.
  const mailApi = edge ? await startMailApiStandIn(join(database.cwd, '.data', 'mail')) : undefined
  const server = await startServer({
    cwd: database.cwd,
    edge,
    // Rate limits have their own server in rate-limits.test.ts: here every test shares one address.
    env: { DATABASE_URL: database.url, RATE_LIMIT: 'off', ALLOWED_ORIGINS: ALLOWED_ORIGIN, MAIL_API_URL: mailApi?.url },
  })
  console.info(`[test] API tests on ${database.url ? 'PostgreSQL' : 'PGlite'}, ${edge ? 'edge bundle in workerd' : 'Node server'} at ${server.url}`)
  project.provide('baseURL', server.url)
  project.provide('serverLog', server.logFile)
  project.provide('databaseUrl', database.url ?? '')
  return async () => {
    await server.stop()
    await mailApi?.stop()
    await database.drop()
  }
}
