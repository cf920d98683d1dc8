import type { TestProject } from 'vitest/node'
import { ensureBuild, ensureEdgeBuild } from '../support/build.ts'
import { join } from 'node:path'
import { createTestDatabase, seedTestDatabase } from '../support/database.ts'
import { startMailApiStandIn } from '../support/mail-api.ts'
import { ALLOWED_ORIGIN, startServer } from '../support/server.ts'
import { startCluster } from '../support/cluster.ts'
import { paymentEnv, startStripeStandIn } from '../support/stripe-stand-in.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    serverLog: string
    /** The run's PostgreSQL database (empty on PGlite), for tests that play another instance. */
    databaseUrl: string
    /** With TEST_TARGET=cluster: the state file of the cluster the tests go through (test/support/cluster.ts). */
    clusterState: string
    /** The Stripe stand-in the server pays through (test/support/stripe-stand-in.ts). */
    stripeStandIn: string
  }
}

/**
 * One built server on one fresh, seeded database for the whole API run: the Node server; with
 * TEST_TARGET=edge the edge bundle in workerd; with TEST_TARGET=cluster three Node instances
 * behind nginx (`npm run cluster`). The last two on PostgreSQL only.
 */
export default async function setup(project: TestProject) {
  const target = process.env.TEST_TARGET ?? 'node'
  if (target !== 'node' && !process.env.DATABASE_URL) throw new Error(`TEST_TARGET=${target} runs on PostgreSQL: set DATABASE_URL`)
  if (target === 'edge') ensureEdgeBuild()
  else ensureBuild()
  const database = await createTestDatabase('api')
  await seedTestDatabase(database)
  // Card payments go through a local stand-in for Stripe, which this machine cannot reach.
  const stripe = await startStripeStandIn()
  // Rate limits have their own servers (rate-limits.test.ts, postgres/cluster.test.ts): here every test shares one address.
  const env = { DATABASE_URL: database.url, RATE_LIMIT: 'off', ALLOWED_ORIGINS: ALLOWED_ORIGIN, ...paymentEnv(stripe.url) }
  let server: { url: string, logFile: string, stop: () => Promise<unknown> }
  let mailApi: Awaited<ReturnType<typeof startMailApiStandIn>> | undefined
  if (target === 'cluster') {
    const cluster = await startCluster({ cwd: database.cwd, env, name: 'server' })
    project.provide('clusterState', cluster.stateFile)
    server = cluster
  }
  else {
    // The edge bundle mails through an HTTP API: a local stand-in writes its mails where the Node server writes its own.
    mailApi = target === 'edge' ? await startMailApiStandIn(join(database.cwd, '.data', 'mail')) : undefined
    server = await startServer({ cwd: database.cwd, edge: target === 'edge', env: { ...env, MAIL_API_URL: mailApi?.url } })
  }
  const described = { node: 'Node server', edge: 'edge bundle in workerd', cluster: '3 Node instances behind nginx' }[target]
  console.info(`[test] API tests on ${database.url ? 'PostgreSQL' : 'PGlite'}, ${described} at ${server.url}`)
  stripe.setWebhookUrl(`${server.url}/api/payments/stripe/webhook`)
  project.provide('stripeStandIn', stripe.url)
  project.provide('baseURL', server.url)
  project.provide('serverLog', server.logFile)
  project.provide('databaseUrl', database.url ?? '')
  return async () => {
    await server.stop()
    await mailApi?.stop()
    await stripe.stop()
    await database.drop()
  }
}
