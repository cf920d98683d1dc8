import { describe, expect, it } from 'vitest'
import { page as load, request } from './http'
import { registered, Session } from './session'

describe('server-rendered pages', () => {
  it('renders the home page with products read from the database', async () => {
    const [page, api] = await Promise.all([load('/'), request('/api/products?sort_by=created_at&order=desc&limit=8')])
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(api.body.data).toHaveLength(8)
    // The markup was produced on the server from the same query the API answers.
    for (const product of api.body.data) expect(page.text).toContain(product.name.replace(/&/g, '&amp;'))
    expect(page.text).toMatch(/<html\s+lang="en"/)
  })

  it('renders an unknown page as a 404 page, with the status to match', async () => {
    const res = await load('/no-such-page')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(res.text).toContain('Page not found')
  })
})

describe('admin pages', () => {
  it('send a guest to sign in, and show a customer nothing but a 404', async () => {
    const guest = await new Session().request('/admin/users', { headers: { accept: 'text/html' } })
    expect(guest.status).toBe(302)
    expect(guest.headers.get('location')).toBe('/login?redirect=/admin/users')
    const { session } = await registered()
    const customer = await session.request('/admin/users', { headers: { accept: 'text/html' } })
    expect(customer.status).toBe(404)
    expect(customer.text).toContain('Page not found')
    expect(customer.text).not.toContain('Search users')
  })
})
