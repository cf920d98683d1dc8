import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../support/database'
import type { TestDatabase } from '../support/database'
import { startServer } from '../support/server'
import type { RunningServer } from '../support/server'

/** A server of its own with the limits on, behind a "proxy" whose X-Forwarded-For it trusts. */
let database: TestDatabase
let server: RunningServer

beforeAll(async () => {
  database = await createTestDatabase('limits')
  server = await startServer({ cwd: database.cwd, env: { DATABASE_URL: database.url, RATE_LIMIT: 'on', TRUST_PROXY: 'on' } })
})
afterAll(async () => {
  await server.stop()
  await database.drop()
})

let address = 0
const newAddress = () => `198.51.100.${++address}`

function post(path: string, body: unknown, from: string) {
  return fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'origin': server.url, 'x-forwarded-for': from },
    body: JSON.stringify(body),
  })
}

async function register(from: string, tag: string) {
  const id = `${tag}${Date.now().toString(36)}`
  const account = { email: `${id}@test.example`, username: id, password: 'correct horse battery' }
  const res = await post('/api/auth/register', account, from)
  return { res, account }
}

describe('failed sign-ins', () => {
  it('lock an account after 5 failures a minute, from any address, right password or not', async () => {
    const { account } = await register(newAddress(), 'locked')
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/auth/login', { email: account.email, password: 'wrong password' }, newAddress())).status).toBe(401)
    }
    const blocked = await post('/api/auth/login', { email: account.email, password: account.password }, newAddress())
    expect(blocked.status).toBe(429)
    const retryAfter = Number(blocked.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(blocked.headers.get('set-cookie')).toBeNull()
  })

  it('block an address after 20 failures a minute, whatever the accounts', async () => {
    const from = newAddress()
    for (let i = 0; i < 20; i++) {
      expect((await post('/api/auth/login', { email: `nobody${i}@test.example`, password: 'wrong password' }, from)).status).toBe(401)
    }
    const { account } = await register(newAddress(), 'victim')
    expect((await post('/api/auth/login', { email: account.email, password: account.password }, from)).status).toBe(429)
    expect((await post('/api/auth/login', { email: account.email, password: account.password }, newAddress())).status).toBe(200)
  })

  it('are forgiven by a successful sign-in', async () => {
    const { account } = await register(newAddress(), 'forgiven')
    for (let i = 0; i < 4; i++) await post('/api/auth/login', { email: account.email, password: 'wrong password' }, newAddress())
    expect((await post('/api/auth/login', { email: account.email, password: account.password }, newAddress())).status).toBe(200)
    for (let i = 0; i < 4; i++) await post('/api/auth/login', { email: account.email, password: 'wrong password' }, newAddress())
    expect((await post('/api/auth/login', { email: account.email, password: account.password }, newAddress())).status).toBe(200)
  })
})

describe('registrations', () => {
  it('allow 10 new accounts an hour from one address', async () => {
    const from = newAddress()
    for (let i = 0; i < 10; i++) expect((await register(from, `bulk${i}x`)).res.status).toBe(201)
    const eleventh = await register(from, 'bulkmore')
    expect(eleventh.res.status).toBe(429)
    expect(Number(eleventh.res.headers.get('retry-after'))).toBeGreaterThan(60)
    expect((await register(newAddress(), 'elsewhere')).res.status).toBe(201)
  })
})

describe('the API as a whole', () => {
  it('allows 600 calls a minute per address, then answers 429', async () => {
    const from = newAddress()
    const call = () => fetch(`${server.url}/api/products?limit=1`, { headers: { 'x-forwarded-for': from } }).then(r => r.status)
    const statuses: number[] = []
    for (let batch = 0; batch < 12; batch++) statuses.push(...await Promise.all(Array.from({ length: 50 }, call)))
    expect(statuses.every(s => s === 200)).toBe(true)
    const over = await fetch(`${server.url}/api/products?limit=1`, { headers: { 'x-forwarded-for': from } })
    expect(over.status).toBe(429)
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await fetch(`${server.url}/api/products?limit=1`, { headers: { 'x-forwarded-for': newAddress() } })).status).toBe(200)
    // Health checks are never limited.
    expect((await fetch(`${server.url}/api/health`, { headers: { 'x-forwarded-for': from } })).status).toBe(200)
  })
})
