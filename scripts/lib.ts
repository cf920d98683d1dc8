import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { openDatabase } from '../server/database/client.ts'
import type { DatabaseHandle } from '../server/database/client.ts'
import { migrateDatabase } from '../server/database/migrate.ts'
import { ConfigError, parseDatabaseConfig } from '../server/lib/config.ts'

/** The project's drizzle/migrations; for the bundled command (.output/server/migrate.mjs), the copy the build puts beside it. */
const PROJECT_MIGRATIONS = resolve(import.meta.dirname, '../drizzle/migrations')
const BUNDLED_MIGRATIONS = resolve(import.meta.dirname, 'drizzle/migrations')
export const MIGRATIONS_FOLDER = existsSync(join(PROJECT_MIGRATIONS, 'meta/_journal.json')) || !existsSync(join(BUNDLED_MIGRATIONS, 'meta/_journal.json'))
  ? PROJECT_MIGRATIONS
  : BUNDLED_MIGRATIONS

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

/** A TCP port free on 127.0.0.1 now (for a server about to be started on it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')))
    })
  })
}

export function fail(message: string): never {
  console.error(message)
  process.exit(1)
}
