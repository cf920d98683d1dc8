import { describe, expect, it } from 'vitest'
import { expectNothingInternal, request } from './http'

describe('error envelope', () => {
  it.each(['/api/nope', '/api/products/nested/deeper', '/api/health/nope'])('answers an unknown API route %s with a JSON 404', async (path) => {
    const res = await request(path)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(res.body).toEqual({ error: 'No such API endpoint' })
  })

  it('answers an unknown method on an API route with a JSON 404, not a page', async () => {
    const res = await request('/api/health', { method: 'DELETE' })
    expect(res.status).toBe(404)
    expect(res.body.error).toEqual(expect.any(String))
  })

  it('refuses malformed JSON with a 400 envelope', async () => {
    const res = await request('/api/products', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": "x",' })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ error: 'Invalid JSON body' })
    expectNothingInternal(res.text)
  })

  it('refuses a body that is not JSON with a 415', async () => {
    const res = await request('/api/products', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'name=x' })
    expect(res.status).toBe(415)
    expect(res.body.error).toMatch(/JSON/)
  })

  it('refuses a body over the limit with a 413 before reading it', async () => {
    const res = await request('/api/products', { method: 'POST', json: { blob: 'x'.repeat(1024 * 1024 + 1) } })
    expect(res.status).toBe(413)
    expect(res.body.error).toMatch(/too large/)
  })

  it('answers bad query parameters with a 400 and one entry per bad field', async () => {
    const res = await request('/api/products?page=0&limit=abc&sort_by=password_hash&order=sideways&in_stock_only=maybe')
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('Validation failed')
    expect(Object.keys(res.body.details).sort()).toEqual(['in_stock_only', 'limit', 'order', 'page', 'sort_by'])
    expect(res.body.details.sort_by).toEqual(['sort_by must be one of created_at, name, price, stock'])
    expectNothingInternal(res.text)
  })

  it('treats a repeated query parameter as invalid rather than crashing', async () => {
    const res = await request('/api/products?page=1&page=2')
    expect(res.status).toBe(400)
    expect(res.body.details.page).toBeDefined()
  })
})
