import { sql } from 'drizzle-orm'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { setTimeout as sleep } from 'node:timers/promises'
import postgres from 'postgres'
import { findErrorCode } from '../lib/errors.ts'
import type { DatabaseHandle, DatabaseOptions } from './client.ts'

/** Arbitrary but fixed: every instance of the shop takes the same lock. */
const MIGRATION_LOCK_KEY = 7_315_482_019

/**
 * Applies pending migrations. On PostgreSQL several instances may boot at once: each
 * takes a session advisory lock on a dedicated connection, so one migrates and the
 * others wait, then find nothing left to do.
 */
export async function migrateDatabase(handle: DatabaseHandle, options: DatabaseOptions, migrationsFolder: string) {
  if (handle.driver === 'pglite') {
    // One process owns an embedded database: there is nobody to race with.
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder })
    return
  }
  const client = postgres(options.url!, { max: 1, connect_timeout: 5, onnotice: () => {} })
  try {
    const db = drizzlePostgres({ client })
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`)
    try {
      await migratePostgres(db, { migrationsFolder })
    }
    finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`)
    }
  }
  finally {
    await client.end({ timeout: 5 })
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'CONNECT_TIMEOUT', '57P03', '3D000'])

export interface MigrationWait {
  attempt: number
  retry_in_ms: number
  code: string
}

/**
 * Migrates once the database answers: an error that means "not there yet" (refused, still
 * starting, no such database yet) is waited out, with a backoff up to 30 s, and told to
 * `onWait`; any other error is thrown.
 */
export async function migrateWhenReachable(handle: DatabaseHandle, options: DatabaseOptions, migrationsFolder: string, onWait: (wait: MigrationWait) => void) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateDatabase(handle, options, migrationsFolder)
    }
    catch (error) {
      const code = findErrorCode(error, code => UNREACHABLE.has(code))
      if (!code) throw error
      const delay = Math.min(30_000, 500 * 2 ** attempt)
      onWait({ attempt, retry_in_ms: delay, code })
      await sleep(delay)
    }
  }
}
