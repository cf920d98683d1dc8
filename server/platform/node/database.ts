import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { sql } from 'drizzle-orm'
import { useNitroApp } from 'nitropack/runtime'
import { openDatabase } from '../../database/client'
import type { Database, DatabaseHandle } from '../../database/client'
import { migrateWhenReachable } from '../../database/migrate'
import { openReplicaReads } from '../../database/replica'
import type { ReplicaReads } from '../../database/replica'
import { onCatalogInvalidated } from '../../lib/catalog-versions'
import { useConfig } from '../../lib/config'
import { logger } from '../../lib/logger'
import { within } from '../../lib/timeout'
// The hook below is declared there; the app's type check reaches this file through Nitro's auto-imports, without server/types.
import type {} from '../../types/platform'

/*
 * The Node server's database: one pool (or embedded PGlite) for the process, LISTEN for the
 * other instances' changes, migrations applied at boot. The edge build's is ./../edge/database.ts.
 */

let handle: DatabaseHandle | undefined
let replica: ReplicaReads | undefined
let ready: Promise<void> | undefined
let isReady = false

function openHandle(): DatabaseHandle {
  if (handle) return handle
  const config = useConfig()
  handle = openDatabase(config.database)
  if (config.database.url && config.replicaUrl) {
    const reads = openReplicaReads(handle.db, { primary: config.database.url, replica: config.replicaUrl }, (message, fields) => logger.warn(message, fields))
    onCatalogInvalidated(reads.changed)
    replica = reads
  }
  return handle
}

/** The process's one Drizzle instance (a postgres.js pool or embedded PGlite), created on first use. */
export function useDb(): Database {
  return openHandle().db
}

/** The public catalog's reads: on the read replica (DATABASE_REPLICA_URL) when there is one and it has caught up, else on the primary. */
export function readCatalog<T>(read: (db: Database) => Promise<T>): Promise<T> {
  const db = useDb()
  return replica ? replica.read(read) : read(db)
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

/** Work outside a request (the edge's Cron Trigger tasks): here, on the process's pool. */
export function withJobDatabase<T>(_env: Record<string, unknown> | undefined, job: (db: Database) => Promise<T>): Promise<T> {
  return job(useDb())
}

export async function closeDatabase() {
  const closing = [handle, replica]
  handle = undefined
  replica = undefined
  await Promise.all(closing.map(open => open?.close()))
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
  // The replica must replay what the migrations just wrote before the catalog is read there.
  replica?.changed()
  // What must be in place before the first request (the development demo data) hooks in here.
  await useNitroApp().hooks.callHook('comptoir:database-migrated', useDb())
  isReady = true
  logger.info('database ready', { driver: handle!.driver })
}
