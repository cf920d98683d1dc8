import { setTimeout as sleep } from 'node:timers/promises'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../../server/database/seed'
import { createTestDatabase, seedTestDatabase } from '../../support/database'
import type { TestDatabase } from '../../support/database'
import { startStreamingReplica } from '../../support/replica'
import type { StreamingReplica } from '../../support/replica'
import { startServer } from '../../support/server'
import type { RunningServer } from '../../support/server'
import { ADDRESS } from '../orders-helpers'
import { Session } from '../session'

/*
 * DATABASE_REPLICA_URL against a real streaming replica of the machine's PostgreSQL. Pausing
 * the replica's replay makes it lag on demand: a change written straight into the primary
 * (which the shop is not told of) shows whether a read went to the replica.
 */
let database: TestDatabase
let replica: StreamingReplica
let server: RunningServer
let primary: postgres.Sql
let admin: Session
/** Active products no test has read yet: a first read of each is not in any cache. */
let unread: { id: string, name: string }[]

beforeAll(async () => {
  database = await createTestDatabase('replica')
  await seedTestDatabase(database)
  replica = await startStreamingReplica(database.url!)
  server = await startServer({ cwd: database.cwd, env: { DATABASE_URL: database.url, DATABASE_REPLICA_URL: replica.urlFor(database.url!), RATE_LIMIT: 'off' } })
  primary = postgres(database.url!, { max: 1, onnotice: () => {} })
  unread = await primary<{ id: string, name: string }[]>`select id, name from products where is_active order by name`
  admin = new Session(server.url)
  const signedIn = await admin.request('/api/auth/login', { method: 'POST', json: { email: DEMO_ACCOUNTS.admin.email, password: DEMO_ACCOUNTS.admin.password } })
  expect(signedIn.status).toBe(200)
}, 120_000)

afterAll(async () => {
  await server?.stop()
  await primary?.end()
  await replica?.stop()
  await database?.drop()
})

const read = (id: string) => fetch(`${server.url}/api/products/${id}`).then(r => r.json() as Promise<{ data: { name: string, price: number, stock: number } }>)

/** Runs `check` while the replica replays nothing. */
async function whileLagging(check: () => Promise<void>) {
  await replica.pause()
  try {
    await check()
  }
  finally {
    await replica.resume()
  }
}

/** Renames a product in the primary behind the shop's back (no NOTIFY): the replica shows it only once it replays it. */
async function renameBehindTheShop(id: string) {
  const name = `Renamed ${Date.now()}`
  await primary`update products set name = ${name} where id = ${id}`
  return name
}

describe('a read replica (DATABASE_REPLICA_URL)', () => {
  it('serves the public catalog once it has caught up', async () => {
    const product = unread.pop()!
    await sleep(300)
    await whileLagging(async () => {
      await renameBehindTheShop(product.id)
      // The replica has not replayed the rename: the name read is the one it still holds.
      expect((await read(product.id)).data.name).toBe(product.name)
    })
  })

  it('reads a change made through the shop from the primary while the replica lags behind it', async () => {
    const product = unread.pop()!
    await whileLagging(async () => {
      const changed = await admin.request(`/api/products/${product.id}`, { method: 'PUT', json: { price: 77.7 } })
      expect(changed.status).toBe(200)
      expect((await read(product.id)).data.price).toBe(77.7)
      const page = await fetch(`${server.url}/products/${product.id}`, { headers: { accept: 'text/html' } }).then(r => r.text())
      expect(page).toContain('77.70')
      // Until the replica catches up, even a change the shop was not told of is read from the primary.
      const other = unread.pop()!
      const renamed = await renameBehindTheShop(other.id)
      expect((await read(other.id)).data.name).toBe(renamed)
    })
  })

  it('never reads a customer\'s cart, order or stock from the replica', async () => {
    const product = unread.pop()!
    await sleep(300)
    await whileLagging(async () => {
      const customer = new Session(server.url)
      expect((await customer.request('/api/auth/login', { method: 'POST', json: { email: DEMO_ACCOUNTS.customer.email, password: DEMO_ACCOUNTS.customer.password } })).status).toBe(200)
      const { stock } = (await read(product.id)).data

      expect((await customer.request('/api/cart', { method: 'PUT', json: { items: [{ product_id: product.id, quantity: 2 }] } })).status).toBe(200)
      expect((await customer.request('/api/cart')).body.data).toMatchObject([{ product_id: product.id, quantity: 2 }])

      const placed = await customer.request('/api/orders', { method: 'POST', json: { items: [{ product_id: product.id, quantity: 2 }], shipping_address: ADDRESS } })
      expect(placed.status).toBe(201)
      expect((await customer.request(`/api/orders/${placed.body.data.id}`)).status).toBe(200)
      expect((await customer.request('/api/orders')).body.data.map((order: { id: string }) => order.id)).toContain(placed.body.data.id)
      // The storefront shows the stock the order left, though the replica has not seen the order.
      expect((await read(product.id)).data.stock).toBe(stock - 2)
    })
  })

  it('goes back to the replica once it has replayed the changes, and to the primary when it fails', async () => {
    await sleep(500)
    const product = unread.pop()!
    await whileLagging(async () => {
      await renameBehindTheShop(product.id)
      expect((await read(product.id)).data.name).toBe(product.name)
    })

    await replica.stop()
    const other = unread.pop()!
    const response = await fetch(`${server.url}/api/products/${other.id}`)
    expect(response.status).toBe(200)
    expect((await response.json()).data.name).toBe(other.name)
    expect(server.output()).toContain('reading from the primary')
  })
})
