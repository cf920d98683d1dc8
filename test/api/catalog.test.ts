import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CATALOG, DEMO_ORDERS, demoVatRateBp } from '../../server/database/demo-catalog'
import { request } from './http'
import { registered, Session, signedInAdmin } from './session'

const active = DEMO_CATALOG.filter(p => p.isActive !== false)
const inactive = DEMO_CATALOG.find(p => p.isActive === false)!

let admin: Session
let customer: Session
beforeAll(async () => {
  admin = (await signedInAdmin()).session
  customer = (await registered()).session
})

async function idOf(sku: string) {
  const res = await admin.request(`/api/products?include_inactive=true&limit=100&keyword=${encodeURIComponent(DEMO_CATALOG.find(p => p.sku === sku)!.name)}`)
  return res.body.data.find((p: { sku: string }) => p.sku === sku).id as string
}

let sequence = 0
/** Products made here are deleted afterwards: the other files expect the demo catalog alone. */
const created: string[] = []
afterAll(async () => {
  for (const id of created) await admin.request(`/api/products/${id}`, { method: 'DELETE' })
})

async function create(fields: Record<string, unknown>) {
  const res = await admin.request('/api/products', { method: 'POST', json: fields })
  if (res.status === 201) created.push(res.body.data.id)
  return res
}

async function newProduct(fields: Record<string, unknown> = {}) {
  const res = await create({ name: `Test product ${Date.now()}-${sequence++}`, price: 10, stock: 10, ...fields })
  if (res.status !== 201) throw new Error(res.text)
  return res.body.data as { id: string, name: string, price: number, stock: number }
}

describe('GET /api/products/search', () => {
  it('needs a keyword', async () => {
    const res = await request('/api/products/search')
    expect(res.status).toBe(400)
    expect(res.body.details.keyword).toEqual(['keyword is required'])
    expect((await request('/api/products/search?keyword=%20%20')).status).toBe(400)
  })

  it('finds by keyword with the list\'s filters and envelope', async () => {
    const res = await request('/api/products/search?keyword=beans&in_stock_only=true&sort_by=price&order=desc')
    const expected = active.filter(p => /beans/i.test(p.name) && p.stock > 0)
    expect(res.body.total).toBe(expected.length)
    expect(res.body.data[0].price).toBe(Math.max(...expected.map(p => p.priceCents)) / 100)
  })
})

describe('GET /api/products/best-sellers', () => {
  it('ranks active products by units sold in orders that were not cancelled', async () => {
    const units = new Map<string, number>()
    for (const order of DEMO_ORDERS.filter(o => o.status !== 'cancelled')) {
      for (const [sku, quantity] of order.items) units.set(sku, (units.get(sku) ?? 0) + quantity)
    }
    const res = await request('/api/products/best-sellers?limit=3')
    expect(res.status).toBe(200)
    expect(res.body.data).toHaveLength(3)
    const top = Math.max(...units.values())
    expect(res.body.data[0]).toMatchObject({ units_sold: top })
    expect(units.get(res.body.data[0].sku)).toBe(top)
    const sold = res.body.data.map((p: { units_sold: number }) => p.units_sold)
    expect(sold).toEqual([...sold].sort((a, b) => b - a))
    const all = await request('/api/products/best-sellers?limit=50')
    // The grinder was only in a cancelled order.
    expect(all.body.data.map((p: { sku: string }) => p.sku)).not.toContain('BRW-GRD-ELE')
    expect(all.body.data).toHaveLength(units.size)
  })

  it('defaults to 10 and validates the limit', async () => {
    expect((await request('/api/products/best-sellers')).body.data.length).toBeLessThanOrEqual(10)
    expect((await request('/api/products/best-sellers?limit=zero')).status).toBe(400)
  })
})

describe('GET /api/products/low-stock', () => {
  it('is for admins only', async () => {
    expect((await request('/api/products/low-stock')).status).toBe(401)
    expect((await customer.request('/api/products/low-stock')).status).toBe(403)
  })

  it('lists active products at or under the threshold, emptiest first, with cost', async () => {
    const res = await admin.request('/api/products/low-stock?threshold=5&limit=100')
    const expected = active.filter(p => p.stock <= 5)
    expect(res.body.data.map((p: { sku: string }) => p.sku).filter((sku: string) => expected.some(e => e.sku === sku))).toHaveLength(expected.length)
    const stocks = res.body.data.map((p: { stock: number }) => p.stock)
    expect(stocks).toEqual([...stocks].sort((a, b) => a - b))
    expect(stocks.every((s: number) => s <= 5)).toBe(true)
    expect(res.body.data[0].cost).toEqual(expect.any(Number))
    expect(res.body.data.map((p: { sku: string }) => p.sku)).not.toContain(inactive.sku)
  })
})

describe('GET /api/products/:id', () => {
  it('shows an active product to anyone, without cost', async () => {
    const id = await idOf('COF-KEN-250')
    const res = await request(`/api/products/${id}`)
    expect(res.status).toBe(200)
    expect(res.body.data).toMatchObject({ id, sku: 'COF-KEN-250', price: 14.9, vat_rate: 5.5 })
    expect(res.body.data).not.toHaveProperty('cost')
  })

  it('hides an inactive product from everyone but admins', async () => {
    const id = await idOf(inactive.sku)
    expect((await request(`/api/products/${id}`)).status).toBe(404)
    expect((await customer.request(`/api/products/${id}`)).status).toBe(404)
    const res = await admin.request(`/api/products/${id}`)
    const rate = demoVatRateBp(inactive)
    expect(res.body.data).toMatchObject({ is_active: false, cost: inactive.costCents / 100, vat_rate: rate / 100 })
    // The margin is on the price without VAT.
    const net = inactive.priceCents * 10_000 / (10_000 + rate)
    expect(res.body.data.margin_percentage).toBeCloseTo((net - inactive.costCents) / net * 100, 1)
  })

  it('answers 400 for an id that is not a UUID and 404 for an unknown one', async () => {
    expect((await request('/api/products/42')).status).toBe(400)
    expect((await request('/api/products/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })
})

describe('admins see the catalog whole', () => {
  it('and may list only the inactive products; the public may not', async () => {
    const res = await admin.request('/api/products?is_active=false&limit=100')
    expect(res.body.data.length).toBeGreaterThan(0)
    expect(res.body.data.every((p: { is_active: boolean }) => !p.is_active)).toBe(true)
    const anyone = await request('/api/products?is_active=false&limit=100')
    expect(anyone.body.data.every((p: { is_active: boolean }) => p.is_active)).toBe(true)
  })

  it('include_inactive and cost in the list', async () => {
    const res = await admin.request('/api/products?include_inactive=true&limit=100')
    expect(res.body.total).toBeGreaterThanOrEqual(DEMO_CATALOG.length)
    expect(res.body.data.find((p: { sku: string }) => p.sku === inactive.sku)).toBeDefined()
    expect(res.body.data[0]).toHaveProperty('cost')
    expect(res.body.data[0]).toHaveProperty('margin_percentage')
  })
})

describe('POST /api/products', () => {
  it('creates a product with exact money, ignoring fields it does not know', async () => {
    const res = await create({ name: '  Moka pot gasket  ', price: 0.1, cost: 0.07, stock: 3, sku: `GSK-${Date.now()}`, id: '00000000-0000-4000-8000-000000000000', created_at: '2000-01-01' })
    expect(res.status).toBe(201)
    // Without a VAT rate, the standard one (20 %).
    expect(res.body.data).toMatchObject({ name: 'Moka pot gasket', price: 0.1, vat_rate: 20, cost: 0.07, stock: 3, is_active: true, description: '' })
    expect(res.body.data.id).not.toBe('00000000-0000-4000-8000-000000000000')
    expect(res.body.data.created_at.startsWith('2000')).toBe(false)
    expect((await request(`/api/products/${res.body.data.id}`)).body.data.price).toBe(0.1)
  })

  it('reports each invalid field', async () => {
    const res = await create({ name: '', price: 1.999, cost: -1, stock: 1.5, sku: 'has spaces', vat_rate: 19.6 })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.details).sort()).toEqual(['cost', 'name', 'price', 'sku', 'stock', 'vat_rate'])
    expect(res.body.details.vat_rate).toEqual(['vat_rate must be one of 20, 10, 5.5, 2.1'])
    expect((await create({ name: 'No price' })).body.details.price).toBeDefined()
    expect((await create({ name: 'Rate as text', price: 2, vat_rate: '5.5' })).body.details).toEqual({ vat_rate: ['vat_rate must be one of 20, 10, 5.5, 2.1'] })
  })

  it('takes a blank SKU (a form\'s empty field) as none, on creation and to clear one', async () => {
    const blank = await create({ name: `No SKU ${Date.now()}`, price: 2, sku: '' })
    expect(blank.status).toBe(201)
    expect(blank.body.data.sku).toBeNull()
    const product = await newProduct({ sku: `CLR-${Date.now()}` })
    const cleared = await admin.request(`/api/products/${product.id}`, { method: 'PUT', json: { sku: ' \t ' } })
    expect(cleared.status).toBe(200)
    expect(cleared.body.data.sku).toBeNull()
    expect((await create({ name: 'Wrong SKU type', price: 2, sku: 42 })).body.details).toEqual({ sku: ['sku must be text'] })
  })

  it('refuses a SKU that is taken', async () => {
    const res = await create({ name: 'Copy', price: 1, sku: 'COF-ETH-250' })
    expect(res.status).toBe(409)
    expect(res.body.details.sku).toBeDefined()
  })

  it('is for admins only', async () => {
    expect((await new Session().request('/api/products', { method: 'POST', json: { name: 'x', price: 1 } })).status).toBe(401)
    expect((await customer.request('/api/products', { method: 'POST', json: { name: 'x', price: 1 } })).status).toBe(403)
  })
})

describe('PUT /api/products/:id', () => {
  it('updates some fields and shows the new price at once, cache or not', async () => {
    const product = await newProduct({ price: 25 })
    // Warm the public caches.
    expect((await request(`/api/products/${product.id}`)).body.data.price).toBe(25)
    const listed = async () => (await request(`/api/products?keyword=${encodeURIComponent(product.name)}`)).body.data[0]
    expect((await listed()).price).toBe(25)

    const res = await admin.request(`/api/products/${product.id}`, { method: 'PUT', json: { price: 19.99 } })
    expect(res.status).toBe(200)
    expect(res.body.data).toMatchObject({ price: 19.99, name: product.name, stock: 10 })
    expect((await request(`/api/products/${product.id}`)).body.data.price).toBe(19.99)
    expect((await listed()).price).toBe(19.99)

    await admin.request(`/api/products/${product.id}`, { method: 'PUT', json: { is_active: false } })
    expect((await request(`/api/products/${product.id}`)).status).toBe(404)
    expect(await listed()).toBeUndefined()
  })

  it('refuses stock changes, empty bodies, taken SKUs', async () => {
    const product = await newProduct()
    const stock = await admin.request(`/api/products/${product.id}`, { method: 'PUT', json: { stock: 99 } })
    expect(stock.status).toBe(400)
    expect(stock.body.details.stock).toBeDefined()
    expect((await admin.request(`/api/products/${product.id}`, { method: 'PUT', json: {} })).status).toBe(400)
    expect((await admin.request(`/api/products/${product.id}`, { method: 'PUT', json: { sku: 'COF-ETH-250' } })).status).toBe(409)
    expect((await admin.request('/api/products/00000000-0000-4000-8000-000000000000', { method: 'PUT', json: { price: 1 } })).status).toBe(404)
  })
})

describe('DELETE /api/products/:id', () => {
  it('deletes a product nobody ordered', async () => {
    const product = await newProduct()
    expect((await customer.request(`/api/products/${product.id}`, { method: 'DELETE' })).status).toBe(403)
    expect((await admin.request(`/api/products/${product.id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await admin.request(`/api/products/${product.id}`)).status).toBe(404)
  })

  it('refuses with 409 once the product was ordered', async () => {
    const id = await idOf('COF-ESP-1KG')
    const res = await admin.request(`/api/products/${id}`, { method: 'DELETE' })
    expect(res.status).toBe(409)
    expect(res.body.error).toMatch(/deactivate/)
    expect((await request(`/api/products/${id}`)).status).toBe(200)
  })
})

describe('PATCH /api/products/:id/stock', () => {
  it('moves stock by a delta or to a level, writing a ledger row each time', async () => {
    const product = await newProduct({ stock: 10 })
    expect((await admin.request(`/api/products/${product.id}/stock`, { method: 'PATCH', json: { delta: -3, reason: 'Broken in transit' } })).body.data.stock).toBe(7)
    expect((await admin.request(`/api/products/${product.id}/stock`, { method: 'PATCH', json: { stock: 20, reason: 'Inventory count' } })).body.data.stock).toBe(20)
    const ledger = await admin.request(`/api/products/${product.id}/stock-movements`)
    expect(ledger.body.data.map((m: { delta: number, stock_after: number, reason: string, note: string | null }) => [m.delta, m.stock_after, m.reason, m.note])).toEqual([
      [13, 20, 'adjustment', 'Inventory count'],
      [-3, 7, 'adjustment', 'Broken in transit'],
      [10, 10, 'initial', null],
    ])
    expect((await request(`/api/products/${product.id}`)).body.data.stock).toBe(20)
  })

  it('never goes below zero', async () => {
    const product = await newProduct({ stock: 2 })
    const res = await admin.request(`/api/products/${product.id}/stock`, { method: 'PATCH', json: { delta: -3 } })
    expect(res.status).toBe(409)
    expect((await admin.request(`/api/products/${product.id}`)).body.data.stock).toBe(2)
  })

  it('holds under concurrent adjustments: exactly the stock there was is taken', async () => {
    const product = await newProduct({ stock: 10 })
    const results = await Promise.all(Array.from({ length: 25 }, () => admin.request(`/api/products/${product.id}/stock`, { method: 'PATCH', json: { delta: -1 } })))
    expect(results.filter(r => r.status === 200)).toHaveLength(10)
    expect(results.filter(r => r.status === 409)).toHaveLength(15)
    expect((await admin.request(`/api/products/${product.id}`)).body.data.stock).toBe(0)
    expect((await admin.request(`/api/products/${product.id}/stock-movements?limit=100`)).body.total).toBe(11)
  })

  it('takes either stock or delta, for admins only', async () => {
    const product = await newProduct()
    expect((await admin.request(`/api/products/${product.id}/stock`, { method: 'PATCH', json: { stock: 1, delta: 1 } })).status).toBe(400)
    expect((await admin.request(`/api/products/${product.id}/stock`, { method: 'PATCH', json: {} })).status).toBe(400)
    expect((await admin.request(`/api/products/${product.id}/stock`, { method: 'PATCH', json: { delta: 0 } })).status).toBe(400)
    expect((await customer.request(`/api/products/${product.id}/stock`, { method: 'PATCH', json: { delta: 5 } })).status).toBe(403)
  })
})

describe('GET /api/admin/products/export.csv', () => {
  it('exports the filtered catalog for admins, formulas defused', async () => {
    const product = await newProduct({ name: '=cmd|calc product' })
    const res = await admin.request('/api/admin/products/export.csv?keyword=cmd')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="comptoir-products-\d{4}-\d\d-\d\d\.csv"$/)
    const lines = res.text.trim().split('\r\n')
    expect(lines[0]).toBe('sku,name,category,price,vat_rate,cost,stock,is_active,description')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe(`,'=cmd|calc product,,10,20,,10,true,`)
    expect(product.id).toBeDefined()
    const all = await admin.request('/api/admin/products/export.csv')
    expect(all.text.trim().split('\r\n').length - 1).toBe((await admin.request('/api/products?include_inactive=true&limit=1')).body.total)
    expect((await customer.request('/api/admin/products/export.csv')).status).toBe(403)
  })
})
