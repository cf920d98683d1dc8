import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { productListQueries } from '../../../server/services/products'
import { ProductListQuery } from '../../../shared/schemas/products'
import { openMigratedTestDatabase } from '../../support/database'

/**
 * The catalog's queries on 10,000 products use the indexes made for them. The plans are
 * printed, so a run shows what PostgreSQL chose.
 */
let handle: Awaited<ReturnType<typeof openMigratedTestDatabase>>

beforeAll(async () => {
  handle = await openMigratedTestDatabase('plans')
  await handle.db.execute(sql`
    insert into products (name, description, category, price_cents, cost_cents, stock, sku, is_active, created_at)
    select
      (array['Espresso', 'Filter', 'Kettle', 'Grinder', 'Teapot', 'Matcha', 'Mug', 'Scale'])[1 + i % 8] || ' ' || md5(i::text),
      'Generated product ' || i, (array['Coffee', 'Tea', 'Brewing', 'Kitchen'])[1 + i % 4],
      100 + (i * 37) % 20000, 50 + (i * 17) % 9000, (i * 13) % 60, 'GEN-' || i, i % 50 <> 0,
      now() - (i || ' minutes')::interval
    from generate_series(1, 10000) as i`)
  // As autovacuum leaves a table: the visibility map lets a page's ids come from the index alone.
  await handle.db.execute(sql`vacuum analyze products`)
}, 120_000)
afterAll(() => handle.close())

/**
 * A Sort node under the page's Limit, over all the matching rows (an Incremental Sort only
 * orders ties of the index's key; the Sort of the 12 rows read last is not one of these).
 */
const FULL_SORT = /Limit[\s\S]*->\s+Sort\s+\(/

async function plan(query: Record<string, string>) {
  const statements = productListQueries(handle.db, v.parse(ProductListQuery, query))
  const rows = await handle.db.execute(sql`explain ${statements.rows}`) as unknown as Record<string, string>[]
  const total = await handle.db.execute(sql`explain ${statements.total}`) as unknown as Record<string, string>[]
  const text = (lines: Record<string, string>[]) => lines.map(line => Object.values(line)[0]).join('\n')
  console.info(`\nEXPLAIN ${JSON.stringify(query)}\n${text(rows)}\n-- total --\n${text(total)}`)
  return { rows: text(rows), total: text(total) }
}

describe('catalog query plans on 10,000 products', () => {
  it('a keyword that matches an eighth of the catalog walks the sort index and stops at the page', async () => {
    // Cheaper than collecting 1,250 matches through the trigram index and sorting them.
    const { rows } = await plan({ keyword: 'kettle' })
    expect(rows).toContain('products_active_created_at_idx')
    expect(rows).not.toMatch(FULL_SORT)
  })

  it.each([
    [{}, 'products_active_created_at_idx'],
    [{ sort_by: 'price', order: 'asc' }, 'products_active_price_idx'],
    [{ sort_by: 'price', order: 'desc', page: '3' }, 'products_active_price_idx'],
    [{ sort_by: 'name' }, 'products_active_name_idx'],
    [{ sort_by: 'stock', order: 'desc' }, 'products_active_stock_idx'],
  ])('a page sorted by %j is read in index order, not sorted in memory', async (query, index) => {
    const { rows } = await plan(query as Record<string, string>)
    expect(rows).toContain(index)
    expect(rows).not.toMatch(/Seq Scan/)
    expect(rows).not.toMatch(FULL_SORT)
  })

  it.each([
    [{ page: '800' }, 'products_active_created_at_idx'],
    [{ sort_by: 'price', page: '400' }, 'products_active_price_idx'],
  ])('a deep page %j skips index entries, not rows: its ids come from an index-only scan', async (query, index) => {
    const { rows } = await plan(query)
    expect(rows).toMatch(new RegExp(`Index Only Scan(?: Backward)? using ${index}`))
    expect(rows).not.toMatch(/Seq Scan/)
    expect(rows).not.toMatch(FULL_SORT)
  })
})

describe('keyword search as the catalog grows to 100,000 products', () => {
  beforeAll(async () => {
    await handle.db.execute(sql`
      insert into products (name, price_cents, stock, is_active, created_at)
      select (array['Espresso', 'Filter', 'Kettle', 'Grinder'])[1 + i % 4] || ' ' || md5(i::text), 100 + i % 5000, i % 40, i % 50 <> 0, now() - (i || ' minutes')::interval
      from generate_series(10001, 100000) as i`)
    await handle.db.execute(sql`analyze products`)
  }, 120_000)

  it('goes through the trigram index, for the page and the total', async () => {
    const { rows, total } = await plan({ keyword: 'fe7ecc4de28b' })
    expect(rows).toContain('products_name_trgm_idx')
    expect(total).toContain('products_name_trgm_idx')
  })
})
