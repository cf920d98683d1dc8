/**
 * The server Playwright drives: the production build on a fresh, seeded database
 * (PGlite, or PostgreSQL when DATABASE_URL is set), dropped again on exit.
 */
import { ensureBuild } from './build.ts'
import { createTestDatabase, seedTestDatabase } from './database.ts'
import { startServer } from './server.ts'

const port = Number(process.env.E2E_PORT ?? 3100)

ensureBuild()
const database = await createTestDatabase('e2e')
await seedTestDatabase(database)
const server = await startServer({ cwd: database.cwd, port, env: { DATABASE_URL: database.url, LOG_LEVEL: 'warn' } })
console.info(`[e2e] shop at ${server.url} on ${database.url ? 'PostgreSQL' : 'PGlite'}`)

async function shutdown() {
  await server.stop()
  await database.drop()
  process.exit(0)
}
process.once('SIGTERM', shutdown)
process.once('SIGINT', shutdown)
