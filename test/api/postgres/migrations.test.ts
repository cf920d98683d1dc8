import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { is } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../support/build'
import { createTestDatabase } from '../../support/database'
import type { TestDatabase } from '../../support/database'
import { startServer } from '../../support/server'
import * as schema from '../../../drizzle/schema'

const MIGRATIONS: unknown[] = JSON.parse(readFileSync(join(ROOT, 'drizzle/migrations/meta/_journal.json'), 'utf8')).entries
const TABLES = Object.values(schema).filter(value => is(value, PgTable)).map(table => getTableConfig(table as PgTable).name).sort()

describe('several instances booting at once on one PostgreSQL', () => {
  let database: TestDatabase

  beforeAll(async () => {
    database = await createTestDatabase('boot')
  })
  afterAll(() => database.drop())

  it('migrate once, under the advisory lock, and all become ready', async () => {
    const servers = await Promise.all([1, 2, 3].map(() => startServer({ cwd: database.cwd, env: { DATABASE_URL: database.url } })))
    try {
      for (const server of servers) expect((await fetch(`${server.url}/api/health/ready`)).status).toBe(200)
      const sql = postgres(database.url!, { max: 1 })
      const applied = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`
      const tables = await sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`
      await sql.end()
      expect(applied[0]!.n).toBe(MIGRATIONS.length)
      expect(tables.map(t => t.table_name)).toEqual(TABLES)
    }
    finally {
      await Promise.all(servers.map(server => server.stop()))
    }
  })
})
