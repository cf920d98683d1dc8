import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../../server/database/seed'
import { createTestDatabase, seedTestDatabase } from '../../support/database'
import type { TestDatabase } from '../../support/database'
import { signInAt, startServer } from '../../support/server'
import type { RunningServer } from '../../support/server'

/** Two instances on one database: a change made through one shows at once through the other. */
let database: TestDatabase
let servers: RunningServer[]

beforeAll(async () => {
  database = await createTestDatabase('cache')
  await seedTestDatabase(database)
  servers = await Promise.all([1, 2].map(() => startServer({ cwd: database.cwd, env: { DATABASE_URL: database.url, RATE_LIMIT: 'off' } })))
})
afterAll(async () => {
  await Promise.all(servers.map(server => server.stop()))
  await database.drop()
})

describe('the catalog cache across instances', () => {
  it('drops a changed product everywhere', async () => {
    const [a, b] = servers as [RunningServer, RunningServer]
    const cookie = await signInAt(a, DEMO_ACCOUNTS.admin)

    const list = async () => (await (await fetch(`${b.url}/api/products?keyword=Kenya`)).json()).data[0]
    const product = await list()
    // Warm instance B's caches, list and detail.
    await fetch(`${b.url}/api/products/${product.id}`)
    expect((await list()).price).toBe(product.price)

    const update = await fetch(`${a.url}/api/products/${product.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'origin': a.url, cookie },
      body: JSON.stringify({ price: 99.5 }),
    })
    expect(update.status).toBe(200)

    // NOTIFY travels asynchronously; it arrives within milliseconds, so allow a short wait.
    let seen = 0
    for (let i = 0; i < 20 && seen !== 99.5; i++) {
      seen = (await list()).price
      if (seen !== 99.5) await new Promise(resolve => setTimeout(resolve, 50))
    }
    expect(seen).toBe(99.5)
    expect((await (await fetch(`${b.url}/api/products/${product.id}`)).json()).data.price).toBe(99.5)
  })
})
