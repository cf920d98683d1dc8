import { sql } from 'drizzle-orm'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import postgres from 'postgres'
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
