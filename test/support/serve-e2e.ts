/**
 * The server Playwright drives: the production build on a fresh, seeded database
 * (PGlite, or PostgreSQL when DATABASE_URL is set), dropped again on exit.
 */
import { mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { E2E_MAIL_DIR } from '../e2e/mailbox.ts'
import { ensureBuild } from './build.ts'
import { createTestDatabase, seedTestDatabase } from './database.ts'
import { startServer } from './server.ts'

const port = Number(process.env.E2E_PORT ?? 3100)

ensureBuild()
const database = await createTestDatabase('e2e')
await seedTestDatabase(database)
// The tests read the mails the server writes (no SMTP_URL) from a place they know.
rmSync(E2E_MAIL_DIR, { recursive: true, force: true })
mkdirSync(E2E_MAIL_DIR, { recursive: true })
mkdirSync(join(database.cwd, '.data'), { recursive: true })
symlinkSync(E2E_MAIL_DIR, join(database.cwd, '.data', 'mail'))
const server = await startServer({ cwd: database.cwd, port, env: { DATABASE_URL: database.url, LOG_LEVEL: 'warn' } })
console.info(`[e2e] shop at ${server.url} on ${database.url ? 'PostgreSQL' : 'PGlite'}`)

async function shutdown() {
  await server.stop()
  await database.drop()
  process.exit(0)
}
process.once('SIGTERM', shutdown)
process.once('SIGINT', shutdown)
