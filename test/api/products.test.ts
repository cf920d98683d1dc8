import { describe, expect, it } from 'vitest'
import { DEMO_CATALOG } from '../../server/database/demo-catalog'
import { request } from './http'

const active = DEMO_CATALOG.filter(p => p.isActive !== false)

describe('GET /api/products', () => {
  it('returns a page of active products in the page envelope', async () => {
    const res = await request('/api/products')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ total: active.length, page: 1, limit: 20, has_next: true })
    expect(res.body.data).toHaveLength(20)
    const product = res.body.data[0]
    expect(Object.keys(product).sort()).toEqual(['category', 'created_at', 'description', 'id', 'image', 'is_active', 'name', 'price', 'sku', 'stock', 'updated_at', 'vat_rate', 'weight_grams'])
    expect(product.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('never shows inactive products, nor cost, to the public', async () => {
    const res = await request('/api/products?limit=100')
    const skus = res.body.data.map((p: { sku: string }) => p.sku)
    expect(skus).toHaveLength(active.length)
    expect(skus).not.toContain(DEMO_CATALOG.find(p => p.isActive === false)!.sku)
    expect(res.body.data.every((p: Record<string, unknown>) => !('cost' in p) && !('margin_percentage' in p))).toBe(true)
  })

  it('ignores include_inactive from someone who is not an admin', async () => {
    const res = await request('/api/products?limit=100&include_inactive=true')
    expect(res.body.total).toBe(active.length)
  })

  it('gives money exactly, as amounts with at most two decimals', async () => {
    const res = await request('/api/products?limit=100')
    for (const product of res.body.data) {
      const expected = DEMO_CATALOG.find(p => p.sku === product.sku)!
      expect(product.price).toBe(expected.priceCents / 100)
      expect(String(product.price)).toMatch(/^\d+(?:\.\d{1,2})?$/)
    }
  })

  it('clamps a large limit to 100 and returns an empty page past the end with the true total', async () => {
    const clamped = await request('/api/products?limit=500')
    expect(clamped.status).toBe(200)
    expect(clamped.body.limit).toBe(100)
    const past = await request('/api/products?page=99')
    expect(past.body).toEqual({ data: [], total: active.length, page: 99, limit: 20, has_next: false })
  })

  it('walks every product exactly once across pages', async () => {
    const seen: string[] = []
    for (let page = 1; ; page++) {
      const res = await request(`/api/products?limit=7&page=${page}&sort_by=stock`)
      seen.push(...res.body.data.map((p: { id: string }) => p.id))
      if (!res.body.has_next) break
    }
    expect(seen).toHaveLength(active.length)
    expect(new Set(seen).size).toBe(active.length)
  })

  it('sorts by price in both directions', async () => {
    const asc = await request('/api/products?sort_by=price&order=asc&limit=100')
    const prices = asc.body.data.map((p: { price: number }) => p.price)
    expect(prices).toEqual([...prices].sort((a, b) => a - b))
    const desc = await request('/api/products?sort_by=price&order=desc&limit=1')
    expect(desc.body.data[0].price).toBe(Math.max(...active.map(p => p.priceCents)) / 100)
  })

  it('filters by price range and stock', async () => {
    const res = await request('/api/products?min_price=10&max_price=20.5&in_stock_only=true&limit=100')
    const expected = active.filter(p => p.priceCents >= 1000 && p.priceCents <= 2050 && p.stock > 0)
    expect(res.body.total).toBe(expected.length)
    expect(res.body.data.map((p: { sku: string }) => p.sku).sort()).toEqual(expected.map(p => p.sku).sort())
  })

  it('refuses a price range upside down', async () => {
    const res = await request('/api/products?min_price=30&max_price=10')
    expect(res.status).toBe(400)
    expect(res.body.details.max_price).toBeDefined()
  })

  it('matches keywords case-insensitively, taking % and _ literally', async () => {
    const res = await request('/api/products?keyword=KETTLE')
    expect(res.body.data.map((p: { name: string }) => p.name).sort()).toEqual(active.filter(p => /kettle/i.test(p.name)).map(p => p.name).sort())
    for (const keyword of ['%', '_', '\\', '\'; drop table products; --']) {
      const literal = await request(`/api/products?keyword=${encodeURIComponent(keyword)}`)
      expect(literal.status).toBe(200)
      expect(literal.body.total).toBe(active.filter(p => p.name.includes(keyword)).length)
    }
  })
})
