/**
 * The server Playwright drives: the production build on a fresh, seeded database
 * (PGlite, or PostgreSQL when DATABASE_URL is set), dropped again on exit.
 */
import { mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { E2E_MAIL_DIR } from '../e2e/mailbox.ts'
import { ensureBuild, ensureEdgeBuild } from './build.ts'
import { createTestDatabase, seedTestDatabase } from './database.ts'
import { startMailApiStandIn } from './mail-api.ts'
import { startServer } from './server.ts'
import { paymentEnv, startStripeStandIn } from './stripe-stand-in.ts'

const port = Number(process.env.E2E_PORT ?? 3100)
/** The edge bundle in workerd instead of the Node server (E2E_TARGET=edge, on PostgreSQL). */
const edge = process.env.E2E_TARGET === 'edge'

if (edge) ensureEdgeBuild()
else ensureBuild()
const database = await createTestDatabase('e2e')
await seedTestDatabase(database)
// The tests read the mails the server writes (no SMTP_URL) from a place they know.
rmSync(E2E_MAIL_DIR, { recursive: true, force: true })
mkdirSync(E2E_MAIL_DIR, { recursive: true })
mkdirSync(join(database.cwd, '.data'), { recursive: true })
symlinkSync(E2E_MAIL_DIR, join(database.cwd, '.data', 'mail'))
// The edge bundle mails through an HTTP API: a local stand-in writes its mails where the tests read them.
const mailApi = edge ? await startMailApiStandIn(E2E_MAIL_DIR) : undefined
// Card payments go through a local stand-in for Stripe; an unpaid transfer holds its order 45 seconds, so that a test can watch it expire.
const stripe = await startStripeStandIn()
const server = await startServer({ cwd: database.cwd, port, edge, env: { DATABASE_URL: database.url, LOG_LEVEL: 'warn', MAIL_API_URL: mailApi?.url, ...paymentEnv(stripe.url), TRANSFER_PAYMENT_WINDOW: '45s' } })
stripe.setWebhookUrl(`${server.url}/api/payments/stripe/webhook`)
console.info(`[e2e] ${edge ? 'edge bundle (workerd)' : 'shop'} at ${server.url} on ${database.url ? 'PostgreSQL' : 'PGlite'}`)

async function shutdown() {
  await server.stop()
  await mailApi?.stop()
  await stripe.stop()
  await database.drop()
  process.exit(0)
}
process.once('SIGTERM', shutdown)
process.once('SIGINT', shutdown)
