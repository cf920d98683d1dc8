import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CATALOG } from '../../server/database/demo-catalog'
import { page, request } from './http'
import { signedInAdmin } from './session'
import type { Session } from './session'

const active = DEMO_CATALOG.filter(p => p.isActive !== false)
let admin: Session
beforeAll(async () => {
  admin = (await signedInAdmin()).session
})

/** A demo product by its SKU, through every page of the catalog: the other suites add products of their own meanwhile. */
async function productBySku(sku: string) {
  for (let page = 1; ; page++) {
    const { data } = (await admin.request(`/api/products?include_inactive=true&limit=100&page=${page}`)).body
    const found = data.find((p: { sku: string }) => p.sku === sku)
    if (found || data.length === 0) return found as { id: string, name: string, price: number }
  }
}

describe('the product page, rendered on the server', () => {
  it('carries name, price, description, meta tags and JSON-LD in its HTML', async () => {
    const product = await productBySku('BRW-KET-GN')
    const res = await page(`/products/${product.id}`)
    expect(res.status).toBe(200)
    expect(res.text).toContain(`<h1`)
    expect(res.text).toContain('Gooseneck kettle, 0.9 L')
    expect(res.text).toContain('€69.90')
    expect(res.text).toMatch(/<title>Gooseneck kettle, 0\.9 L · Comptoir<\/title>/)
    expect(res.text).toMatch(/<meta property="og:title" content="Gooseneck kettle, 0\.9 L">/)
    expect(res.text).toMatch(new RegExp(`<link rel="canonical" href="[^"]+/products/${product.id}">`))
    const jsonLd = JSON.parse(/<script type="application\/ld\+json"[^>]*>([^<]*)<\/script>/.exec(res.text)![1]!)
    expect(jsonLd).toMatchObject({ '@type': 'Product', 'name': 'Gooseneck kettle, 0.9 L', 'sku': 'BRW-KET-GN', 'offers': { price: '69.90', priceCurrency: 'EUR', availability: 'https://schema.org/InStock' } })
  })

  it('shows a description as text, never as markup', async () => {
    const created = await admin.request('/api/products', { method: 'POST', json: { name: 'Suspicious mug', price: 5, description: '<img src=x onerror="alert(1)"><script>alert(2)</script>' } })
    const res = await page(`/products/${created.body.data.id}`)
    await admin.request(`/api/products/${created.body.data.id}`, { method: 'DELETE' })
    expect(res.text).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;')
    // Inside a quoted attribute (meta description) the text is inert; everywhere else no tag may appear.
    const outsideAttributes = res.text.replace(/="[^"]*"/g, '=""')
    expect(outsideAttributes).not.toContain('<img src=x')
    expect(outsideAttributes).not.toContain('<script>alert(2)')
  })

  it.each([
    ['an unknown product', '00000000-0000-4000-8000-000000000000'],
    ['a malformed id', 'not-a-uuid'],
  ])('answers %s with the 404 page', async (_, id) => {
    const res = await page(`/products/${id}`)
    expect(res.status).toBe(404)
    expect(res.text).toContain('Page not found')
  })

  it('answers an inactive product with the 404 page', async () => {
    const inactive = await productBySku('BRW-SIP-01')
    const res = await page(`/products/${inactive.id}`)
    expect(res.status).toBe(404)
    expect(res.text).not.toContain(inactive.name)
  })
})

describe('the product list, rendered on the server from its URL', () => {
  it('applies keyword, stock filter and sort from the query string', async () => {
    const res = await page('/products?keyword=beans&in_stock_only=true&sort_by=price&order=desc')
    expect(res.status).toBe(200)
    const expected = active.filter(p => /beans/i.test(p.name) && p.stock > 0).sort((a, b) => b.priceCents - a.priceCents)
    const positions = expected.map(p => res.text.indexOf(p.name))
    expect(positions.every(position => position > 0)).toBe(true)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(res.text).not.toContain('Sumatra Mandheling') // beans, but out of stock
    expect(res.text).toContain('Results for “beans”')
  })

  it('pages with plain links', async () => {
    const first = await page('/products')
    expect(first.text).toMatch(/href="\/products\?page=2"/)
    const second = await page('/products?page=2')
    expect(second.status).toBe(200)
    expect(second.text).toContain(DEMO_CATALOG.find((_, i) => i === 12)!.name)
  })

  it('ignores malformed filters instead of failing', async () => {
    const [res, all] = await Promise.all([page('/products?page=abc&min_price=cheap&sort_by=password&order=sideways'), request('/api/products?limit=1')])
    expect(res.status).toBe(200)
    expect(res.text).toContain(`${all.body.total} products`)
  })
})

describe('for search engines', () => {
  it('lists every active product in /sitemap.xml', async () => {
    const res = await request('/sitemap.xml')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/xml')
    const all = await admin.request('/api/products?include_inactive=true&limit=100')
    for (const product of all.body.data as { id: string, is_active: boolean }[]) {
      expect(res.text.includes(`/products/${product.id}</loc>`)).toBe(product.is_active)
    }
  })

  it('keeps private pages out in /robots.txt', async () => {
    const res = await request('/robots.txt')
    expect(res.text).toMatch(/^Disallow: \/admin$/m)
    expect(res.text).toMatch(/^Disallow: \/fr\/admin$/m)
    expect(res.text).toMatch(/^Disallow: \/fr\/checkout$/m)
    expect(res.text).toMatch(/^Disallow: \/api\/$/m)
    expect(res.text).toMatch(/^Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml$/m)
  })
})
