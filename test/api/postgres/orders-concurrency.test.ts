import { beforeAll, describe, expect, it } from 'vitest'
import { ADDRESS, productFactory, stockOf } from '../orders-helpers'
import { registered, signedInAdmin } from '../session'
import type { Session } from '../session'

/** Many connections at once against real PostgreSQL: what a busy shop does to the stock. */
let admin: Session
beforeAll(async () => {
  admin = (await signedInAdmin()).session
})
const newProduct = productFactory(() => admin)

describe('racing for the last units', () => {
  it('sells exactly the stock there is: every other buyer gets a 409, never negative stock', async () => {
    const product = await newProduct({ stock: 7 })
    const buyers = await Promise.all(Array.from({ length: 30 }, () => registered('racer')))
    const results = await Promise.all(buyers.map(({ session }) => session.request('/api/orders', {
      method: 'POST',
      json: { items: [{ product_id: product.id, quantity: 1 }], shipping_address: ADDRESS },
    })))
    expect(results.filter(r => r.status === 201)).toHaveLength(7)
    expect(results.filter(r => r.status === 409)).toHaveLength(23)
    expect(await stockOf(admin, product.id)).toBe(0)
    const sold = await admin.request(`/api/products/${product.id}/stock-movements?limit=100`)
    expect(sold.body.data.filter((m: { reason: string }) => m.reason === 'order')).toHaveLength(7)
  })

  it('never deadlocks when orders lock the same products in different orders', async () => {
    const a = await newProduct({ stock: 100 })
    const b = await newProduct({ stock: 100 })
    const { session } = await registered('mixer')
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => session.request('/api/orders', {
      method: 'POST',
      json: { items: i % 2 ? [{ product_id: a.id, quantity: 1 }, { product_id: b.id, quantity: 1 }] : [{ product_id: b.id, quantity: 1 }, { product_id: a.id, quantity: 1 }], shipping_address: ADDRESS },
    })))
    expect(results.every(r => r.status === 201)).toBe(true)
    expect(await stockOf(admin, a.id)).toBe(80)
    expect(await stockOf(admin, b.id)).toBe(80)
  })
})

describe('concurrent cancels', () => {
  it('restore the stock exactly once', async () => {
    const product = await newProduct({ stock: 10 })
    const { session } = await registered('canceller')
    const placed = (await session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: product.id, quantity: 6 }], shipping_address: ADDRESS } })).body.data
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => session.request(`/api/orders/${placed.id}/cancel`, { method: 'POST' })),
      ...Array.from({ length: 4 }, () => admin.request(`/api/orders/${placed.id}/status`, { method: 'PATCH', json: { status: 'cancelled' } })),
    ])
    expect(results.filter(r => r.status === 200)).toHaveLength(1)
    expect(results.filter(r => r.status === 409)).toHaveLength(11)
    expect(await stockOf(admin, product.id)).toBe(10)
  })
})

describe('one Idempotency-Key, many concurrent requests', () => {
  it('makes one order', async () => {
    const product = await newProduct({ stock: 50 })
    const { session } = await registered('doubleclick')
    const key = `double-click-${Date.now()}`
    const results = await Promise.all(Array.from({ length: 10 }, () => session.request('/api/orders', {
      method: 'POST',
      json: { items: [{ product_id: product.id, quantity: 2 }], shipping_address: ADDRESS },
      headers: { 'Idempotency-Key': key },
    })))
    expect(results.every(r => r.status === 201)).toBe(true)
    expect(new Set(results.map(r => r.body.data.id)).size).toBe(1)
    expect(await stockOf(admin, product.id)).toBe(48)
    expect((await session.request('/api/orders')).body.total).toBe(1)
  })
})
