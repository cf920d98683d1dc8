import { resolve } from 'node:path'
import { openDatabase } from '../server/database/client.ts'
import type { DatabaseHandle } from '../server/database/client.ts'
import { migrateDatabase } from '../server/database/migrate.ts'
import { ConfigError, parseDatabaseConfig } from '../server/lib/config.ts'

export const MIGRATIONS_FOLDER = resolve(import.meta.dirname, '../drizzle/migrations')

/** Opens the configured database (DATABASE_URL, or `.data/pglite`), migrated, for the duration of `task`. */
export async function withDatabase<T>(task: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  let options
  try {
    options = parseDatabaseConfig(process.env, process.cwd())
  }
  catch (error) {
    if (error instanceof ConfigError) fail(error.message)
    throw error
  }
  const handle = openDatabase({ ...options, poolSize: 2 })
  try {
    await migrateDatabase(handle, options, MIGRATIONS_FOLDER)
    return await task(handle)
  }
  finally {
    await handle.close()
  }
}

export function fail(message: string): never {
  console.error(message)
  process.exit(1)
}
