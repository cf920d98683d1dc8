import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CATALOG, DEMO_ORDERS, demoVatRateBp } from '../../server/database/demo-catalog'
import { ORDER_STATUSES } from '#shared/utils/order-status'
import { netOfGross } from '#shared/utils/vat'
import { DEMO_ACCOUNTS } from '../../server/database/seed'
import { createTestDatabase, seedTestDatabase } from '../support/database'
import type { TestDatabase } from '../support/database'
import { signInAt, startServer } from '../support/server'
import type { RunningServer } from '../support/server'

/** On the demo data alone (a server of its own), every figure is known in advance. */
let database: TestDatabase
let server: RunningServer
let stats: any

beforeAll(async () => {
  database = await createTestDatabase('stats')
  await seedTestDatabase(database)
  server = await startServer({ cwd: database.cwd, env: { DATABASE_URL: database.url, RATE_LIMIT: 'off' } })
  const cookie = await signInAt(server, DEMO_ACCOUNTS.admin)
  stats = (await (await fetch(`${server.url}/api/admin/stats`, { headers: { cookie } })).json()).data
})
afterAll(async () => {
  await server.stop()
  await database.drop()
})

const bySku = new Map(DEMO_CATALOG.map(p => [p.sku, p]))
const kept = DEMO_ORDERS.filter(o => o.status !== 'cancelled')
const cents = (order: typeof DEMO_ORDERS[number]) => order.items.reduce((total, [sku, q]) => total + bySku.get(sku)!.priceCents * q, 0)

describe('GET /api/admin/stats on the demo data', () => {
  it('totals the last 30 days of orders that were not cancelled', () => {
    const revenue = kept.reduce((total, order) => total + cents(order), 0)
    expect(stats.revenue).toBe(revenue / 100)
    expect(stats.orders).toBe(kept.length)
    expect(stats.average_order_value).toBe(Math.round(revenue / kept.length) / 100)
    expect(stats.by_day).toHaveLength(30)
    expect(stats.by_day.reduce((total: number, day: { orders: number }) => total + day.orders, 0)).toBe(kept.length)
    const today = stats.by_day.at(-1)
    expect(today.date).toBe(new Date().toISOString().slice(0, 10))
  })

  it('counts orders by status', () => {
    const expected = Object.fromEntries(ORDER_STATUSES.map(s => [s, DEMO_ORDERS.filter(o => o.status === s).length]))
    expect(stats.orders_by_status).toEqual(expected)
  })

  it('ranks best sellers by units and by profit', () => {
    const units = new Map<string, number>()
    const profit = new Map<string, number>()
    for (const order of kept) {
      for (const [sku, q] of order.items) {
        units.set(sku, (units.get(sku) ?? 0) + q)
        const p = bySku.get(sku)!
        // Profit is on the price without VAT (per line, by the shop's rounding rule).
        profit.set(sku, (profit.get(sku) ?? 0) + netOfGross(p.priceCents * q, demoVatRateBp(p)) - p.costCents * q)
      }
    }
    const topUnits = Math.max(...units.values())
    expect(stats.best_sellers_by_units[0].units).toBe(topUnits)
    const topProfit = [...profit.entries()].sort((a, b) => b[1] - a[1])[0]!
    expect(stats.best_sellers_by_profit[0]).toMatchObject({ name: bySku.get(topProfit[0])!.name, profit: topProfit[1] / 100 })
  })

  it('counts low stock and says how long it lasts at the recent pace', () => {
    const low = DEMO_CATALOG.filter(p => p.isActive !== false && p.stock <= 10)
    expect(stats.low_stock_count).toBe(low.length)
    expect(stats.stock_cover.map((c: { name: string }) => c.name).sort()).toEqual(low.map(p => p.name).sort())
    // 4 Kenya left, 2 sold in 30 days: 60 days of cover.
    expect(stats.stock_cover.find((c: { name: string }) => c.name.startsWith('Kenya'))).toMatchObject({ stock: 4, sold_30d: 2, cover_days: 60 })
    // The tasting set sold nothing lately: its cover is unknown, not infinite.
    expect(stats.stock_cover.find((c: { name: string }) => c.name.startsWith('Tasting set')).cover_days).toBeNull()
  })

  it('is for admins only', async () => {
    expect((await fetch(`${server.url}/api/admin/stats`)).status).toBe(401)
    const cookie = await signInAt(server, DEMO_ACCOUNTS.customer)
    expect((await fetch(`${server.url}/api/admin/stats`, { headers: { cookie } })).status).toBe(403)
  })
})
