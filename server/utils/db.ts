import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { sql } from 'drizzle-orm'
import { openDatabase } from '../database/client'
import type { Database, DatabaseHandle } from '../database/client'
import { migrateWhenReachable } from '../database/migrate'
import { useConfig } from '../lib/config'
import { IMAGE_STORAGE } from '../lib/image-files'
import { logger } from '../lib/logger'
import { within } from '../lib/timeout'
import { openDemoShop } from '../services/demo-shop'

let handle: DatabaseHandle | undefined
let ready: Promise<void> | undefined
let isReady = false

function openHandle(): DatabaseHandle {
  handle ??= openDatabase(useConfig().database)
  return handle
}

/** The process's one Drizzle instance (a postgres.js pool or embedded PGlite), created on first use. */
export function useDb(): Database {
  return openHandle().db
}

/** Subscribes to a NOTIFY channel of the database (every instance's changes, this one's included). */
export function listenToDatabase(channel: string, handler: (payload: string) => void) {
  return openHandle().listen(channel, handler)
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

async function prepareDatabase() {
  await migrateWhenReachable(openHandle(), useConfig().database, migrationsFolder(), wait => logger.warn('database unreachable, retrying', { ...wait }))
  if (import.meta.dev) await openDemoShop(useDb(), useStorage(IMAGE_STORAGE))
  isReady = true
  logger.info('database ready', { driver: handle!.driver })
}
