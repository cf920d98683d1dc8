import { beforeAll, describe, expect, it } from 'vitest'
import { oneInstanceURL, page } from './http'
import { ADDRESS, productFactory } from './orders-helpers'
import { registered, signedInAdmin } from './session'
import type { Session } from './session'

// Each instance keeps its own page cache: through a cluster, these tests talk to one of them (test/api/cluster.test.ts checks that the others see changes).
const load = (path: string, headers?: Record<string, string>) => page(path, headers, oneInstanceURL)
const customer = (prefix: string) => registered(prefix, { base: oneInstanceURL })

let admin: Session
beforeAll(async () => {
  admin = (await signedInAdmin(oneInstanceURL)).session
})
const newProduct = productFactory(() => admin)

describe('the page cache for anonymous visitors', () => {
  it('sends a public page again without rendering it, with the same body and policy, and no cookie', async () => {
    const product = await newProduct({ price: 31 })
    const first = await load(`/products/${product.id}`)
    expect(first.status).toBe(200)
    expect(first.headers.get('set-cookie')).toBeNull()
    expect(first.headers.get('x-page-cache')).toBe('miss')
    const second = await load(`/products/${product.id}`)
    expect(second.headers.get('x-page-cache')).toBe('hit')
    expect(second.text).toBe(first.text)
    expect(second.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'))
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'))
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'))
  })

  it('shows a new price at once', async () => {
    const product = await newProduct({ price: 44 })
    await load(`/products/${product.id}`)
    expect((await load(`/products/${product.id}`)).text).toContain('€44.00')
    await admin.request(`/api/products/${product.id}`, { method: 'PUT', json: { price: 45.5 } })
    const after = await load(`/products/${product.id}`)
    expect(after.headers.get('x-page-cache')).toBe('miss')
    expect(after.text).toContain('€45.50')
    expect(after.text).not.toContain('€44.00')
  })

  it('re-renders after an order only the pages of what was ordered, and the lists', async () => {
    const [ordered, other] = [await newProduct({ stock: 6 }), await newProduct({ stock: 6 })]
    for (const path of [`/products/${ordered.id}`, `/products/${other.id}`, '/products?sort_by=name']) await load(path)
    const { session } = await customer('pagebuyer')
    const placed = await session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: ordered.id, quantity: 2 }], shipping_address: ADDRESS } })
    expect(placed.status).toBe(201)
    const orderedPage = await load(`/products/${ordered.id}`)
    expect(orderedPage.headers.get('x-page-cache')).toBe('miss')
    expect(orderedPage.text).toContain('Only 4 left')
    expect((await load(`/products/${other.id}`)).headers.get('x-page-cache')).toBe('hit')
    expect((await load('/products?sort_by=name')).headers.get('x-page-cache')).toBe('miss')
  })

  it('never serves or keeps the page of a visitor with a session or a cart', async () => {
    const { session, account } = await customer('cached')
    const product = await newProduct()
    for (let i = 0; i < 2; i++) {
      const mine = await session.request(`/products/${product.id}`, { headers: { accept: 'text/html' } })
      expect(mine.headers.get('x-page-cache')).toBeNull()
      expect(mine.text).toContain(account.username)
    }
    const cart = JSON.stringify([{ product_id: product.id, quantity: 2 }])
    const withCart = await load(`/products/${product.id}`, { cookie: `comptoir_cart=${encodeURIComponent(cart)}` })
    expect(withCart.headers.get('x-page-cache')).toBeNull()
    // Neither page went into the cache: the next anonymous visitor gets a fresh, anonymous render.
    const anonymous = await load(`/products/${product.id}`)
    expect(anonymous.headers.get('x-page-cache')).toBe('miss')
    expect(anonymous.text).not.toContain(account.username)
  })

  it('keys a catalog page by the filters it shows: other parameters and spelled-out defaults share its entry', async () => {
    const marker = `/products?sort_by=stock&order=desc&in_stock_only=true`
    expect((await load(`${marker}&utm_source=newsletter`)).headers.get('x-page-cache')).toBe('miss')
    for (const variant of [marker, `${marker}&x=1`, `${marker}&x=2`, `/products?in_stock_only=true&order=desc&sort_by=stock&page=1`, `${marker}&page=abc`]) {
      expect((await load(variant)).headers.get('x-page-cache'), variant).toBe('hit')
    }
    await load('/products?x=first')
    expect((await load('/products?sort_by=created_at&order=desc&junk=%2F%2F')).headers.get('x-page-cache')).toBe('hit')
  })

  it('renders searches, price ranges and far pages for whoever asks, but keeps none of them', async () => {
    for (const path of ['/products?keyword=grinder', '/products?min_price=5', '/products?page=101']) {
      expect((await load(path)).status).toBe(200)
      expect((await load(path)).headers.get('x-page-cache'), path).toBeNull()
    }
  })

  it('keeps the sitemap until the catalog changes', async () => {
    await load('/sitemap.xml')
    const again = await load('/sitemap.xml')
    expect(again.headers.get('x-page-cache')).toBe('hit')
    const product = await newProduct()
    const fresh = await load('/sitemap.xml')
    expect(fresh.headers.get('x-page-cache')).toBe('miss')
    expect(fresh.text).toContain(`/products/${product.id}</loc>`)
  })

  it('keeps neither error pages nor pages outside the storefront', async () => {
    for (const path of ['/products/00000000-0000-4000-8000-000000000000', '/login']) {
      await load(path)
      expect((await load(path)).headers.get('x-page-cache')).toBeNull()
    }
  })
})
