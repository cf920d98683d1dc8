import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import type { H3Event } from 'h3'
import { useEvent } from 'nitropack/runtime'
import postgres from 'postgres'
import * as schema from '../../../drizzle/schema'
import { withAfterCommit } from '../../database/commit'
import type { Database } from '../../database/client'
import { useConfig } from '../../lib/config'
import { within } from '../../lib/timeout'

/*
 * The edge's database: a Worker may not reuse a connection across requests ("Cannot perform
 * I/O on behalf of a different request"), so each request opens its own client on first
 * use (through Hyperdrive's pool when the HYPERDRIVE binding exists, else DATABASE_URL) and
 * closes it once answered (./plugin.ts). Migrations are applied beforehand
 * (`npm run db:migrate`), so the database is ready from the first request; there is no
 * LISTEN (Hyperdrive pools transactions), so other instances' changes are not pushed.
 */

function connectionString(event: H3Event): string {
  const hyperdrive = event.context.cloudflare?.env.HYPERDRIVE as { connectionString: string } | undefined
  const url = hyperdrive?.connectionString ?? useConfig().database.url
  if (!url) throw new Error('The edge build needs PostgreSQL: set DATABASE_URL or bind HYPERDRIVE')
  return url
}

function connect(url: string) {
  // prepare: false, as Hyperdrive requires; a few connections so that a transaction and a read beside it never wait on each other.
  const client = postgres(url, { max: 3, prepare: false, fetch_types: false, connect_timeout: 5, onnotice: () => {} })
  return { db: withAfterCommit(drizzle({ client, schema })), close: () => client.end({ timeout: 5 }) }
}

/** This request's connection, opened on first use. */
export function useDb(): Database {
  const event = useEvent()
  event.context.database ??= connect(connectionString(event))
  return event.context.database.db
}

/** The public catalog's reads: on the edge, this request's connection (Hyperdrive caches reads; DATABASE_REPLICA_URL is the Node server's). */
export function readCatalog<T>(read: (db: Database) => Promise<T>): Promise<T> {
  return read(useDb())
}

/** A connection of its own for work outside a request (a Cron Trigger's task), closed after it. */
export async function withJobDatabase<T>(env: Record<string, unknown> | undefined, job: (db: Database) => Promise<T>): Promise<T> {
  const hyperdrive = env?.HYPERDRIVE as { connectionString: string } | undefined
  const connection = connect(hyperdrive?.connectionString ?? useConfig().database.url!)
  try {
    return await job(connection.db)
  }
  finally {
    await connection.close()
  }
}

export function isDatabaseReady() {
  return true
}

export function databaseReady(): Promise<void> {
  return Promise.resolve()
}

/** No LISTEN on the edge: see above. */
export async function listenToDatabase(_channel: string, _handler: (payload: string) => void) {}

export async function closeDatabase() {}

export function pingDatabase(timeoutMs = 2000): Promise<boolean> {
  return within(useDb().execute(sql`select 1`).then(() => true, () => false), timeoutMs, false)
}
