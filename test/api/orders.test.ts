import { beforeAll, describe, expect, it } from 'vitest'
import { ADDRESS, productFactory, stockOf } from './orders-helpers'
import { registered, Session, signedInAdmin } from './session'

let admin: Session
let buyer: Awaited<ReturnType<typeof registered>>
beforeAll(async () => {
  admin = (await signedInAdmin()).session
  buyer = await registered('buyer')
})
const newProduct = productFactory(() => admin)

function order(session: Session, items: { product_id: string, quantity: number }[], extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return session.request('/api/orders', { method: 'POST', json: { items, shipping_address: ADDRESS, ...extra }, headers })
}

describe('POST /api/orders', () => {
  it('places a pending order, prices and totals from the database, stock taken', async () => {
    const kettle = await newProduct({ price: 69.9, stock: 5 })
    const filters = await newProduct({ price: 6.9, stock: 100 })
    const res = await order(buyer.session, [{ product_id: kettle.id, quantity: 2 }, { product_id: filters.id, quantity: 3 }], { notes: 'Ring twice', total_amount: 0.01, items_price: 0 })
    expect(res.status).toBe(201)
    const placed = res.body.data
    expect(placed).toMatchObject({ status: 'pending', user_id: buyer.user.id, total_amount: 160.5, shipping_address: ADDRESS, notes: 'Ring twice' })
    expect(placed.items).toHaveLength(2)
    expect(placed.items.find((i: { product_id: string }) => i.product_id === kettle.id)).toMatchObject({ product_name: kettle.name, quantity: 2, unit_price: 69.9, subtotal: 139.8 })
    expect(await stockOf(admin, kettle.id)).toBe(3)
    expect(await stockOf(admin, filters.id)).toBe(97)
    const ledger = await admin.request(`/api/products/${kettle.id}/stock-movements`)
    expect(ledger.body.data[0]).toMatchObject({ delta: -2, stock_after: 3, reason: 'order', order_id: placed.id })
  })

  it('keeps the price paid when the catalog price changes later', async () => {
    const product = await newProduct({ price: 10 })
    const placed = (await order(buyer.session, [{ product_id: product.id, quantity: 1 }])).body.data
    await admin.request(`/api/products/${product.id}`, { method: 'PUT', json: { price: 99 } })
    const again = await buyer.session.request(`/api/orders/${placed.id}`)
    expect(again.body.data.items[0].unit_price).toBe(10)
    expect(again.body.data.total_amount).toBe(10)
  })

  it('works out the VAT in the prices per line, rounded per line, and adds it up per rate and in total', async () => {
    const coffee = await newProduct({ price: 12.9, vat_rate: 5.5 })
    const kettle = await newProduct({ price: 39.9, vat_rate: 20 })
    const placed = (await order(buyer.session, [{ product_id: coffee.id, quantity: 3 }, { product_id: kettle.id, quantity: 1 }])).body.data
    // 38.70 at 5.5 %: 3870 / 1.055 = 3668.25 cents, 36.68 net; 39.90 at 20 %: 33.25 net.
    expect(placed.items.find((i: { product_id: string }) => i.product_id === coffee.id)).toMatchObject({ unit_price: 12.9, subtotal: 38.7, vat_rate: 5.5, net: 36.68, vat: 2.02 })
    expect(placed.items.find((i: { product_id: string }) => i.product_id === kettle.id)).toMatchObject({ subtotal: 39.9, vat_rate: 20, net: 33.25, vat: 6.65 })
    expect(placed).toMatchObject({ total_amount: 78.6, net_amount: 69.93, vat_amount: 8.67 })
    expect(placed.vat).toEqual([{ rate: 20, net: 33.25, vat: 6.65, gross: 39.9 }, { rate: 5.5, net: 36.68, vat: 2.02, gross: 38.7 }])

    // The rate is captured with the price: changing the product's later leaves the order as it was.
    await admin.request(`/api/products/${coffee.id}`, { method: 'PUT', json: { vat_rate: 20 } })
    const again = (await buyer.session.request(`/api/orders/${placed.id}`)).body.data
    expect(again.vat).toEqual(placed.vat)
    expect(again.items.find((i: { product_id: string }) => i.product_id === coffee.id).vat_rate).toBe(5.5)
  })

  it('refuses the whole order when one line cannot be served, and changes nothing', async () => {
    const plenty = await newProduct({ stock: 50 })
    const scarce = await newProduct({ stock: 2 })
    const before = (await buyer.session.request('/api/orders')).body.total
    const res = await order(buyer.session, [{ product_id: plenty.id, quantity: 5 }, { product_id: scarce.id, quantity: 3 }])
    expect(res.status).toBe(409)
    expect(res.body.details).toEqual({ 'items.1.quantity': [`Only 2 of ${scarce.name} left`] })
    expect(await stockOf(admin, plenty.id)).toBe(50)
    expect(await stockOf(admin, scarce.id)).toBe(2)
    expect((await buyer.session.request('/api/orders')).body.total).toBe(before)
  })

  it('refuses products that are not for sale', async () => {
    const hidden = await newProduct()
    await admin.request(`/api/products/${hidden.id}`, { method: 'PUT', json: { is_active: false } })
    const res = await order(buyer.session, [{ product_id: hidden.id, quantity: 1 }, { product_id: '00000000-0000-4000-8000-000000000000', quantity: 1 }])
    expect(res.status).toBe(409)
    expect(Object.keys(res.body.details).sort()).toEqual(['items.0.product_id', 'items.1.product_id'])
  })

  it('validates every field', async () => {
    const product = await newProduct()
    const cases: [unknown, string][] = [
      [{ items: [], shipping_address: ADDRESS }, 'items'],
      [{ items: Array.from({ length: 51 }, () => ({ product_id: product.id, quantity: 1 })), shipping_address: ADDRESS }, 'items'],
      [{ items: [{ product_id: product.id, quantity: 0 }], shipping_address: ADDRESS }, 'items.0.quantity'],
      [{ items: [{ product_id: product.id, quantity: 1001 }], shipping_address: ADDRESS }, 'items.0.quantity'],
      [{ items: [{ product_id: product.id, quantity: 1.5 }], shipping_address: ADDRESS }, 'items.0.quantity'],
      [{ items: [{ product_id: 'nope', quantity: 1 }], shipping_address: ADDRESS }, 'items.0.product_id'],
      [{ items: [{ product_id: product.id, quantity: 1 }, { product_id: product.id, quantity: 2 }], shipping_address: ADDRESS }, 'items'],
      [{ items: [{ product_id: product.id, quantity: 1 }], shipping_address: 'short' }, 'shipping_address'],
      [{ items: [{ product_id: product.id, quantity: 1 }] }, 'shipping_address'],
    ]
    for (const [body, field] of cases) {
      const res = await buyer.session.request('/api/orders', { method: 'POST', json: body })
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      expect(Object.keys(res.body.details)).toContain(field)
    }
    expect(await stockOf(admin, product.id)).toBe(10)
  })

  it('needs a session, from the shop itself', async () => {
    const product = await newProduct()
    expect((await order(new Session(), [{ product_id: product.id, quantity: 1 }])).status).toBe(401)
    expect((await order(buyer.session, [{ product_id: product.id, quantity: 1 }], {}, { origin: 'https://evil.example' })).status).toBe(403)
    expect(await stockOf(admin, product.id)).toBe(10)
  })
})

describe('Idempotency-Key', () => {
  it('makes a retried request return the same order, placed once', async () => {
    const product = await newProduct({ stock: 10 })
    const key = `checkout-${Date.now()}`
    const first = await order(buyer.session, [{ product_id: product.id, quantity: 2 }], {}, { 'Idempotency-Key': key })
    const second = await order(buyer.session, [{ product_id: product.id, quantity: 2 }], {}, { 'Idempotency-Key': key })
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.body.data.id).toBe(first.body.data.id)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(await stockOf(admin, product.id)).toBe(8)
  })

  it('refuses the same key for a different order, and keys are per account', async () => {
    const product = await newProduct({ stock: 10 })
    const key = `reuse-${Date.now()}`
    await order(buyer.session, [{ product_id: product.id, quantity: 1 }], {}, { 'Idempotency-Key': key })
    const different = await order(buyer.session, [{ product_id: product.id, quantity: 3 }], {}, { 'Idempotency-Key': key })
    expect(different.status).toBe(422)
    const someoneElse = await registered()
    const theirs = await order(someoneElse.session, [{ product_id: product.id, quantity: 1 }], {}, { 'Idempotency-Key': key })
    expect(theirs.status).toBe(201)
    expect(await stockOf(admin, product.id)).toBe(8)
  })

  it('rejects a malformed key', async () => {
    const product = await newProduct()
    const res = await order(buyer.session, [{ product_id: product.id, quantity: 1 }], {}, { 'Idempotency-Key': 'x'.repeat(300) })
    expect(res.status).toBe(400)
  })
})

describe('reading orders', () => {
  it('lists one\'s own orders, newest first; someone else\'s order is not found', async () => {
    const product = await newProduct()
    const me = await registered()
    const a = (await order(me.session, [{ product_id: product.id, quantity: 1 }])).body.data
    const b = (await order(me.session, [{ product_id: product.id, quantity: 2 }])).body.data
    const mine = await me.session.request('/api/orders')
    expect(mine.body).toMatchObject({ total: 2, page: 1 })
    expect(mine.body.data.map((o: { id: string }) => o.id)).toEqual([b.id, a.id])
    expect(mine.body.data[0].items).toHaveLength(1)

    const other = await registered()
    expect((await other.session.request('/api/orders')).body.total).toBe(0)
    expect((await other.session.request(`/api/orders/${a.id}`)).status).toBe(404)
    expect((await other.session.request('/api/orders/not-a-uuid')).status).toBe(400)
    expect((await new Session().request('/api/orders')).status).toBe(401)

    const detail = await me.session.request(`/api/orders/${a.id}`)
    expect(detail.body.data.events).toEqual([{ from_status: null, status: 'pending', created_at: expect.any(String) }])
  })

  it('shows admins every order, with filters by status and user', async () => {
    const product = await newProduct()
    const customer = await registered()
    const placed = (await order(customer.session, [{ product_id: product.id, quantity: 1 }])).body.data
    const byUser = await admin.request(`/api/orders?user_id=${customer.user.id}`)
    expect(byUser.body.data.map((o: { id: string }) => o.id)).toEqual([placed.id])
    const pending = await admin.request('/api/orders?status=pending&limit=100')
    expect(pending.body.data.every((o: { status: string }) => o.status === 'pending')).toBe(true)
    expect((await admin.request('/api/orders?status=lost')).status).toBe(400)
    expect((await admin.request(`/api/orders/${placed.id}`)).status).toBe(200)
  })
})

describe('cancelling and the status flow', () => {
  it('lets the owner cancel a pending order; stock comes back once', async () => {
    const product = await newProduct({ stock: 10 })
    const placed = (await order(buyer.session, [{ product_id: product.id, quantity: 4 }])).body.data
    expect(await stockOf(admin, product.id)).toBe(6)
    const cancelled = await buyer.session.request(`/api/orders/${placed.id}/cancel`, { method: 'POST' })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.data.status).toBe('cancelled')
    expect(await stockOf(admin, product.id)).toBe(10)
    const again = await buyer.session.request(`/api/orders/${placed.id}/cancel`, { method: 'POST' })
    expect(again.status).toBe(409)
    expect(await stockOf(admin, product.id)).toBe(10)
    const ledger = await admin.request(`/api/products/${product.id}/stock-movements`)
    expect(ledger.body.data[0]).toMatchObject({ delta: 4, stock_after: 10, reason: 'cancel', order_id: placed.id })
  })

  it('moves along pending → confirmed → shipped → delivered, and nowhere else', async () => {
    const product = await newProduct({ stock: 10 })
    const placed = (await order(buyer.session, [{ product_id: product.id, quantity: 1 }])).body.data
    const move = (status: string) => admin.request(`/api/orders/${placed.id}/status`, { method: 'PATCH', json: { status } })
    expect((await move('shipped')).status).toBe(409)
    expect((await move('confirmed')).body.data.status).toBe('confirmed')
    expect((await move('pending')).status).toBe(409)
    expect((await move('shipped')).body.data.status).toBe('shipped')
    // Once shipped, the customer can no longer cancel, nor can an admin.
    expect((await buyer.session.request(`/api/orders/${placed.id}/cancel`, { method: 'POST' })).status).toBe(409)
    expect((await move('cancelled')).status).toBe(409)
    const delivered = await move('delivered')
    expect(delivered.body.data.events.map((e: { status: string }) => e.status)).toEqual(['pending', 'confirmed', 'shipped', 'delivered'])
    expect((await move('cancelled')).status).toBe(409)
    expect(await stockOf(admin, product.id)).toBe(9)
  })

  it('lets an admin cancel a confirmed order, restoring stock', async () => {
    const product = await newProduct({ stock: 10 })
    const placed = (await order(buyer.session, [{ product_id: product.id, quantity: 3 }])).body.data
    await admin.request(`/api/orders/${placed.id}/status`, { method: 'PATCH', json: { status: 'confirmed' } })
    expect((await admin.request(`/api/orders/${placed.id}/cancel`, { method: 'POST' })).body.data.status).toBe('cancelled')
    expect(await stockOf(admin, product.id)).toBe(10)
  })

  it('keeps customers out of other people\'s orders and of the status flow', async () => {
    const product = await newProduct()
    const placed = (await order(buyer.session, [{ product_id: product.id, quantity: 1 }])).body.data
    const other = await registered()
    expect((await other.session.request(`/api/orders/${placed.id}/cancel`, { method: 'POST' })).status).toBe(404)
    expect((await buyer.session.request(`/api/orders/${placed.id}/status`, { method: 'PATCH', json: { status: 'confirmed' } })).status).toBe(403)
    expect((await admin.request(`/api/orders/${placed.id}/status`, { method: 'PATCH', json: { status: 'teleported' } })).status).toBe(400)
    expect((await buyer.session.request(`/api/orders/${placed.id}`)).body.data.status).toBe('pending')
  })
})

describe('admin order filters by date', () => {
  it('keeps the orders placed within the days asked (UTC)', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    const all = await admin.request(`/api/orders?from=${today}&to=${today}&limit=100`)
    expect(all.body.total).toBeGreaterThan(0)
    expect(all.body.data.every((o: { created_at: string }) => o.created_at.startsWith(today))).toBe(true)
    expect((await admin.request(`/api/orders?from=${tomorrow}`)).body.total).toBe(0)
    expect((await admin.request('/api/orders?from=yesterday')).status).toBe(400)
  })
})
