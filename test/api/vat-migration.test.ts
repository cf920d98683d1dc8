import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { orderItems, orders } from '../../drizzle/schema'
import { openDatabase } from '../../server/database/client'
import type { DatabaseHandle } from '../../server/database/client'
import { migrateDatabase } from '../../server/database/migrate'
import { ROOT } from '../support/build'
import { createTestDatabase } from '../support/database'
import type { TestDatabase } from '../support/database'

/** The migrations as they stood before VAT (0006): a copy of the folder with the journal cut there. */
function migrationsBefore(tag: string) {
  const folder = mkdtempSync(join(tmpdir(), 'comptoir-migrations-'))
  cpSync(join(ROOT, 'drizzle/migrations'), folder, { recursive: true })
  const journalFile = join(folder, 'meta/_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
  journal.entries = journal.entries.slice(0, journal.entries.findIndex(entry => entry.tag === tag))
  writeFileSync(journalFile, JSON.stringify(journal))
  return folder
}

let database: TestDatabase
let handle: DatabaseHandle
let oldMigrations: string

beforeAll(async () => {
  database = await createTestDatabase('vat-migration')
  const options = { url: database.url, dataDir: join(database.cwd, '.data/pglite') }
  handle = openDatabase(options)
  oldMigrations = migrationsBefore('0006_vat')
  await migrateDatabase(handle, options, oldMigrations)
  // An order placed before VAT existed: two lines, one of an odd amount.
  await handle.db.execute(sql`insert into users (id, email, username, password_hash) values ('00000000-0000-4000-8000-0000000000a1', 'old@test.example', 'oldbuyer', 'x')`)
  await handle.db.execute(sql`insert into products (id, name, price_cents, stock) values
    ('00000000-0000-4000-8000-0000000000b1', 'Old kettle', 3990, 5), ('00000000-0000-4000-8000-0000000000b2', 'Old filters', 5, 5)`)
  await handle.db.execute(sql`insert into orders (id, user_id, total_cents, shipping_address) values ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000a1', 4005, 'Somewhere')`)
  await handle.db.execute(sql`insert into order_items (order_id, product_id, product_name, quantity, unit_price_cents) values
    ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', 'Old kettle', 1, 3990),
    ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b2', 'Old filters', 3, 5)`)
  await migrateDatabase(handle, options, join(ROOT, 'drizzle/migrations'))
})

afterAll(async () => {
  await handle?.close()
  rmSync(oldMigrations, { recursive: true, force: true })
  await database?.drop()
})

describe('migration 0006 (VAT) on a shop that already has orders', () => {
  it('gives existing products the standard rate and works out existing orders\' VAT by the per-line rule', async () => {
    const items = await handle.db.select({ product_name: orderItems.productName, vat_rate_bp: orderItems.vatRateBp, net: orderItems.netCents, vat: orderItems.vatCents })
      .from(orderItems).orderBy(orderItems.productName)
    // 39.90 at 20 %: 33.25 + 6.65; 3 × 0.05 = 0.15 at 20 %: 12.5 cents, rounded half up to 13, and 2 of VAT.
    expect(items).toEqual([
      { product_name: 'Old filters', vat_rate_bp: 2000, net: 13, vat: 2 },
      { product_name: 'Old kettle', vat_rate_bp: 2000, net: 3325, vat: 665 },
    ])
    const [order] = await handle.db.select({ net: orders.netCents, vat: orders.vatCents, total: orders.totalCents }).from(orders)
    expect(order).toEqual({ net: 3338, vat: 667, total: 4005 })
  })
})
