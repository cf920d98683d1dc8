import { readFileSync } from 'node:fs'
import { describe, expect, inject, it } from 'vitest'
import { request } from './http'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('health', () => {
  it('answers liveness without touching anything', async () => {
    const res = await request('/api/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok' })
  })

  it('is ready when the database answers', async () => {
    const res = await request('/api/health/ready')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', database: 'ok' })
    expect(res.headers.get('cache-control')).toBe('no-store')
  })
})

describe('request ids', () => {
  it('generates one for every response, API and pages alike', async () => {
    const [api, page, missing] = await Promise.all([request('/api/health'), request('/'), request('/api/nope')])
    for (const res of [api, page, missing]) expect(res.headers.get('x-request-id')).toMatch(UUID)
    expect(api.headers.get('x-request-id')).not.toBe(page.headers.get('x-request-id'))
  })

  it('echoes a sane incoming id', async () => {
    const res = await request('/api/health', { headers: { 'X-Request-Id': 'lb-4f2a.91:7' } })
    expect(res.headers.get('x-request-id')).toBe('lb-4f2a.91:7')
  })

  it.each([
    ['too long', 'a'.repeat(129)],
    ['with spaces', 'hello world'],
    ['with markup', '<script>'],
  ])('replaces an incoming id %s', async (_, id) => {
    const res = await request('/api/health', { headers: { 'X-Request-Id': id } })
    expect(res.headers.get('x-request-id')).toMatch(UUID)
  })

  it('writes one JSON log line per request carrying the same id', async () => {
    const id = `log-check-${Date.now()}`
    await request('/api/products?limit=1', { headers: { 'X-Request-Id': id } })
    // The line is written when the response finishes: give the log a moment to flush.
    let lines: Record<string, unknown>[] = []
    for (let i = 0; i < 20 && lines.length === 0; i++) {
      await new Promise(resolve => setTimeout(resolve, 50))
      lines = readFileSync(inject('serverLog'), 'utf8').split('\n').filter(line => line.includes(id)).map(line => JSON.parse(line))
    }
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/api/products', status: 200, request_id: id })
    expect(lines[0]!.duration_ms).toEqual(expect.any(Number))
  })
})
