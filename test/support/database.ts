import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { openDatabase } from '../../server/database/client.ts'
import { migrateDatabase } from '../../server/database/migrate.ts'
import { seedDemoData } from '../../server/database/seed.ts'
import { ROOT } from './build.ts'

export interface TestDatabase {
  /** The server's working directory: its `.data/` holds the embedded database. */
  cwd: string
  /** Set when the run uses PostgreSQL: a database made for this run alone. */
  url?: string
  drop: () => Promise<void>
}

/**
 * A fresh database for one test run: a new PostgreSQL database next to the one that
 * `DATABASE_URL` names, or an embedded PGlite database in a temporary directory.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const cwd = mkdtempSync(join(tmpdir(), `comptoir-${label}-`))
  const base = process.env.DATABASE_URL
  if (!base) {
    return { cwd, drop: async () => rmSync(cwd, { recursive: true, force: true }) }
  }
  const name = `comptoir_${label}_${Date.now()}_${randomBytes(3).toString('hex')}`
  const admin = postgres(base, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database "${name}"`)
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    cwd,
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`)
      await admin.end()
      rmSync(cwd, { recursive: true, force: true })
    },
  }
}

/** Migrates and loads the demo catalog, as `npm run db:seed` does, then lets go of the database. */
export async function seedTestDatabase(database: TestDatabase) {
  const handle = await openMigrated(database)
  try {
    await seedDemoData(handle.db)
  }
  finally {
    await handle.close()
  }
}

async function openMigrated(database: TestDatabase) {
  const options = { url: database.url, dataDir: join(database.cwd, '.data/pglite') }
  const handle = openDatabase(options)
  await migrateDatabase(handle, options, join(ROOT, 'drizzle/migrations'))
  return handle
}

/** A fresh, migrated database opened in this process (for tests of services, not of the server). */
export async function openMigratedTestDatabase(label: string) {
  const database = await createTestDatabase(label)
  const handle = await openMigrated(database)
  return {
    db: handle.db,
    close: async () => {
      await handle.close()
      await database.drop()
    },
  }
}
