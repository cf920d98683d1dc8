import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../server/database/seed'
import { createTestDatabase, seedTestDatabase } from '../support/database'
import type { TestDatabase } from '../support/database'
import { signInAt, startServer } from '../support/server'
import type { RunningServer } from '../support/server'
import { mailsTo } from './mailbox'
import { ADDRESS, productFactory } from './orders-helpers'
import { registered, signedInAdmin } from './session'
import type { Session } from './session'

let admin: Session
beforeAll(async () => {
  admin = (await signedInAdmin()).session
})
const newProduct = productFactory(() => admin)

describe('order e-mails', () => {
  it('confirm a placed order, then announce each status change', async () => {
    const product = await newProduct({ price: 8.5 })
    const buyer = await registered('mailed')
    const placed = (await buyer.session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: product.id, quantity: 2 }], shipping_address: ADDRESS } })).body.data
    // The first mail asked to confirm the address; the second confirms the order.
    const confirmation = (await mailsTo(buyer.account.email, 2))[1]
    expect(confirmation).toContain(`Subject: Your Comptoir order ${placed.id.slice(0, 8)}`)
    expect(confirmation).toContain(`2 × ${product.name}`)
    expect(confirmation).toContain('Total excluding VAT: €14.17')
    expect(confirmation).toContain('VAT 20% on €14.17: €2.83')
    expect(confirmation).toContain('Total including VAT: €17.00')

    await admin.request(`/api/orders/${placed.id}/status`, { method: 'PATCH', json: { status: 'confirmed' } })
    const mails = await mailsTo(buyer.account.email, 3)
    expect(mails.some(mail => mail.includes('has been confirmed'))).toBe(true)
  })
})

describe('when the mail server is down', () => {
  let database: TestDatabase
  let server: RunningServer

  beforeAll(async () => {
    database = await createTestDatabase('smtp-down')
    await seedTestDatabase(database)
    server = await startServer({ cwd: database.cwd, env: { DATABASE_URL: database.url, SMTP_URL: 'smtp://127.0.0.1:1', RATE_LIMIT: 'off' } })
  })
  afterAll(async () => {
    await server.stop()
    await database.drop()
  })

  it('orders still go through, and the mail waits for a retry', async () => {
    const cookie = await signInAt(server, DEMO_ACCOUNTS.customer)
    const products = await (await fetch(`${server.url}/api/products?in_stock_only=true&limit=1`)).json()
    const placed = await fetch(`${server.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'origin': server.url, cookie },
      body: JSON.stringify({ items: [{ product_id: products.data[0].id, quantity: 1 }], shipping_address: ADDRESS }),
    })
    expect(placed.status).toBe(201)
    const order = (await placed.json()).data
    for (let i = 0; i < 50 && !server.output().includes('"msg":"mail failed, will retry"'); i++) await new Promise(resolve => setTimeout(resolve, 100))
    expect(server.output()).toContain('"msg":"mail failed, will retry"')
    const again = await fetch(`${server.url}/api/orders/${order.id}`, { headers: { cookie } })
    expect((await again.json()).data.status).toBe('pending')
    expect(existsSync(join(database.cwd, '.data', 'mail'))).toBe(false)
  })
})
