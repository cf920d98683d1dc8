import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { count, sql } from 'drizzle-orm'
import { products } from '../../drizzle/schema'
import { openDatabase } from '../database/client'
import type { Database, DatabaseHandle } from '../database/client'
import { migrateDatabase } from '../database/migrate'
import { DEMO_ACCOUNTS, hasRealAccounts, seedDemoData } from '../database/seed'
import { drawDemoPhotos } from '../services/demo-photos'
import { invalidateCatalog } from './catalog-versions'
import { useConfig } from './config'
import { findErrorCode } from './errors'
import { IMAGE_STORAGE } from './image-files'
import { logger } from './logger'
import { within } from './timeout'

let handle: DatabaseHandle | undefined
let ready: Promise<void> | undefined
let isReady = false

/** The process's one Drizzle instance (a postgres.js pool or embedded PGlite), created on first use. */
export function useDb(): Database {
  handle ??= openDatabase(useConfig().database)
  return handle.db
}

/** Subscribes to a NOTIFY channel of the database (every instance's changes, this one's included). */
export function listenToDatabase(channel: string, handler: (payload: string) => void) {
  useDb()
  return handle!.listen(channel, handler)
}

export function isDatabaseReady() {
  return isReady
}

/** Resolves once migrations are applied; every request but liveness waits for it. */
export function databaseReady(): Promise<void> {
  ready ??= prepareDatabase()
  return ready
}

export async function closeDatabase() {
  const closing = handle
  handle = undefined
  await closing?.close()
}

/** Answers whether the database responds now, within `timeoutMs`. */
export function pingDatabase(timeoutMs = 2000): Promise<boolean> {
  return within(useDb().execute(sql`select 1`).then(() => true, () => false), timeoutMs, false)
}

/** The built server finds its migrations beside it (`.output/server/drizzle`); development, in the project. */
function migrationsFolder() {
  const candidates = [
    resolve(dirname(process.argv[1] ?? '.'), 'drizzle/migrations'),
    resolve(process.cwd(), 'drizzle/migrations'),
  ]
  const found = candidates.find(dir => existsSync(join(dir, 'meta/_journal.json')))
  if (!found) throw new Error(`No migrations found (looked in ${candidates.join(', ')})`)
  return found
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'CONNECT_TIMEOUT', '57P03', '3D000'])

/** The code of an error that means "the database is not there yet", worth waiting for rather than dying. */
const unreachableCode = (error: unknown) => findErrorCode(error, code => UNREACHABLE.has(code))

async function prepareDatabase() {
  const config = useConfig()
  const db = useDb()
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateDatabase(handle!, config.database, migrationsFolder())
      break
    }
    catch (error) {
      const code = unreachableCode(error)
      if (!code) throw error
      const delay = Math.min(30_000, 500 * 2 ** attempt)
      logger.warn('database unreachable, retrying', { attempt, retry_in_ms: delay, code })
      await sleep(delay)
    }
  }
  if (import.meta.dev) await seedEmptyDevelopmentDatabase(db)
  isReady = true
  logger.info('database ready', { driver: handle!.driver })
}

/** `npm run dev` on a new machine: an empty shop is no way to discover a shop. */
async function seedEmptyDevelopmentDatabase(db: Database) {
  const [row] = await db.select({ n: count() }).from(products)
  if (row && row.n > 0) return
  const withAccounts = !(await hasRealAccounts(db))
  const result = await seedDemoData(db, { accounts: withAccounts })
  const { admin, customer } = DEMO_ACCOUNTS
  logger.info('demo data loaded', { products: result.productsCreated })
  // A few seconds of drawing: the shop opens meanwhile, and shows the photos once they are all made.
  drawDemoPhotos(db, useStorage(IMAGE_STORAGE)).then(
    (photos) => {
      invalidateCatalog('*')
      logger.info('demo photos drawn', { photos })
    },
    (error: Error) => logger.warn('demo photos not drawn', { error: error.message }),
  )
  console.info([
    '',
    `  Comptoir demo shop: http://localhost:${process.env.PORT || process.env.NITRO_PORT || 3000}/`,
    ...withAccounts ? [`  Admin:    ${admin.email} / ${admin.password}`, `  Customer: ${customer.email} / ${customer.password}`] : [],
    '',
  ].join('\n'))
}
