import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from '../../drizzle/schema/index.ts'
import { withAfterCommit } from './commit.ts'

export type Schema = typeof schema
/** The Drizzle API common to both drivers: services are written once against it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>

export interface DatabaseOptions {
  /** `postgres://…`; when absent, an embedded PGlite database lives in `dataDir`. */
  url?: string
  dataDir: string
  poolSize?: number
  /** How the connections name themselves in pg_stat_activity. */
  applicationName?: string
}

export interface DatabaseHandle {
  db: Database
  driver: 'postgres' | 'pglite'
  /** Calls `handler` for each NOTIFY on `channel`, from any process using this database. */
  listen: (channel: string, handler: (payload: string) => void) => Promise<void>
  close: () => Promise<void>
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      connect_timeout: 5,
      // "extension already exists" and the like are not worth a log line per boot.
      onnotice: () => {},
      connection: { application_name: options.applicationName ?? 'comptoir' },
    })
    return {
      db: withAfterCommit(drizzlePostgres({ client, schema })),
      driver: 'postgres',
      // postgres.js keeps one extra connection for LISTEN and re-listens after a reconnect.
      listen: async (channel, handler) => {
        await client.listen(channel, handler)
      },
      close: () => client.end({ timeout: 5 }),
    }
  }
  mkdirSync(options.dataDir, { recursive: true })
  const client = new PGlite(options.dataDir, { extensions: { pg_trgm } })
  return {
    db: withAfterCommit(drizzlePglite({ client, schema })),
    driver: 'pglite',
    listen: async (channel, handler) => {
      await client.listen(channel, handler)
    },
    close: () => client.close(),
  }
}
