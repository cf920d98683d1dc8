import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../support/database'
import type { TestDatabase } from '../support/database'
import { startServer } from '../support/server'
import type { RunningServer } from '../support/server'

/** A server of its own with the limits on, behind one "proxy" whose X-Forwarded-For entry it trusts. */
let database: TestDatabase
let server: RunningServer

beforeAll(async () => {
  database = await createTestDatabase('limits')
  server = await startServer({ cwd: database.cwd, env: { DATABASE_URL: database.url, RATE_LIMIT: 'on', TRUST_PROXY: '1' } })
})
afterAll(async () => {
  await server.stop()
  await database.drop()
})

let address = 0
/** A fresh client address (from the 198.18.0.0/15 benchmarking range) per call. */
const newAddress = () => {
  const n = ++address
  return `198.18.${n >> 8}.${n & 255}`
}

function post(path: string, body: unknown, from: string, headers: Record<string, string> = {}) {
  return fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'origin': server.url, 'x-forwarded-for': from, ...headers },
    body: JSON.stringify(body),
  })
}

const signIn = (account: { email: string, password: string }, from: string, headers: Record<string, string> = {}) =>
  post('/api/auth/login', { email: account.email, password: account.password }, from, headers)
const wrong = (account: { email: string }) => ({ email: account.email, password: 'wrong password' })

/** The device cookie a successful sign-in leaves in the browser. */
const deviceCookie = (res: Response) => res.headers.getSetCookie().find(c => c.startsWith('__Secure-comptoir_device='))!.split(';')[0]!

async function register(from: string, tag: string) {
  const id = `${tag}${Date.now().toString(36)}`
  const account = { email: `${id}@test.example`, username: id, password: 'correct horse battery' }
  const res = await post('/api/auth/register', account, from)
  return { res, account }
}

describe('sign-in attempts', () => {
  it('are counted before the password is checked: 30 wrong passwords at once get at most 5 answers', async () => {
    const { account } = await register(newAddress(), 'raced')
    const from = newAddress()
    const statuses = await Promise.all(Array.from({ length: 30 }, () => signIn(wrong(account), from).then(r => r.status)))
    expect(statuses.filter(s => s === 401).length).toBeLessThanOrEqual(5)
    expect(statuses.filter(s => s === 429).length).toBeGreaterThanOrEqual(25)
    expect(statuses.every(s => s === 401 || s === 429)).toBe(true)
  })

  it('lock one address out of one account after 5 a minute, right password or not; other addresses are not locked', async () => {
    const { account } = await register(newAddress(), 'locked')
    const from = newAddress()
    for (let i = 0; i < 5; i++) expect((await signIn(wrong(account), from)).status).toBe(401)
    const blocked = await signIn(account, from)
    expect(blocked.status).toBe(429)
    const retryAfter = Number(blocked.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(blocked.headers.get('set-cookie')).toBeNull()
    expect((await signIn(account, newAddress())).status).toBe(200)
  })

  it('sent from everywhere never lock the owner out of the browser they signed in with before', async () => {
    const { account } = await register(newAddress(), 'owner')
    const device = deviceCookie(await signIn(account, newAddress()))
    // An attacker spreads 60 wrong passwords over 60 addresses: past the account's ceiling for unknown browsers.
    for (let i = 0; i < 60; i++) await signIn(wrong(account), newAddress())
    expect((await signIn(account, newAddress())).status).toBe(429)
    const owner = await signIn(account, newAddress(), { cookie: device })
    expect(owner.status).toBe(200)
  })

  it('from a known browser are limited too, and its cookie works for its own account only', async () => {
    const { account } = await register(newAddress(), 'knownbrowser')
    const { account: other } = await register(newAddress(), 'otheraccount')
    const device = deviceCookie(await signIn(account, newAddress()))
    for (let i = 0; i < 5; i++) expect((await signIn(wrong(account), newAddress(), { cookie: device })).status).toBe(401)
    expect((await signIn(account, newAddress(), { cookie: device })).status).toBe(429)
    // Another account's cookie, or a forged one, is an unknown browser.
    for (const cookie of [device, '__Secure-comptoir_device=eyJhbGciOiJub25lIn0.e30.']) {
      expect((await signIn(other, newAddress(), { cookie })).status).toBe(200)
    }
  })

  it('block an address after 20 a minute, whatever the accounts', async () => {
    const from = newAddress()
    for (let i = 0; i < 20; i++) {
      expect((await post('/api/auth/login', { email: `nobody${i}@test.example`, password: 'wrong password' }, from)).status).toBe(401)
    }
    const { account } = await register(newAddress(), 'victim')
    expect((await signIn(account, from)).status).toBe(429)
    expect((await signIn(account, newAddress())).status).toBe(200)
  })

  it('are forgiven by a successful sign-in', async () => {
    const { account } = await register(newAddress(), 'forgiven')
    const from = newAddress()
    for (let i = 0; i < 4; i++) await signIn(wrong(account), from)
    expect((await signIn(account, from)).status).toBe(200)
    for (let i = 0; i < 4; i++) await signIn(wrong(account), from)
    expect((await signIn(account, from)).status).toBe(200)
  })
})

describe('the client address behind the proxy', () => {
  it('is the entry the proxy wrote: what the client put to its left changes nothing', async () => {
    const from = newAddress()
    for (let i = 0; i < 20; i++) {
      const spoofed = `203.0.113.${i}, 10.0.0.${i}, ${from}`
      expect((await post('/api/auth/login', { email: `spoof${i}@test.example`, password: 'wrong password' }, spoofed)).status).toBe(401)
    }
    expect((await post('/api/auth/login', { email: 'spoof@test.example', password: 'wrong password' }, `192.0.2.1, ${from}`)).status).toBe(429)
  })

  it('counts an IPv6 customer by their /64', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await post('/api/auth/login', { email: `six${i}@test.example`, password: 'wrong password' }, `2001:db8:aa:bb::${(i + 1).toString(16)}`)).status).toBe(401)
    }
    expect((await post('/api/auth/login', { email: 'six@test.example', password: 'wrong password' }, '2001:db8:aa:bb:ffff:1:2:3')).status).toBe(429)
    expect((await post('/api/auth/login', { email: 'six@test.example', password: 'wrong password' }, '2001:db8:aa:bc::1')).status).toBe(401)
  })
})

describe('a wrong current password on the account page', () => {
  it('is counted like a sign-in: 5 in 15 minutes, then 429 even with the right one', async () => {
    const { res, account } = await register(newAddress(), 'pwcheck')
    const cookie = res.headers.getSetCookie().map(c => c.split(';')[0]).join('; ')
    const change = (current: string) => fetch(`${server.url}/api/auth/profile`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'origin': server.url, 'x-forwarded-for': newAddress(), cookie },
      body: JSON.stringify({ current_password: current, password: 'another long password' }),
    })
    const statuses = await Promise.all(Array.from({ length: 10 }, () => change('not my password').then(r => r.status)))
    expect(statuses.filter(s => s === 400).length).toBeLessThanOrEqual(5)
    expect(statuses.filter(s => s === 429).length).toBeGreaterThanOrEqual(5)
    expect((await change(account.password)).status).toBe(429)
  })
})

describe('confirmation links asked for again', () => {
  it('are sent 3 times an hour per account', async () => {
    const { res } = await register(newAddress(), 'resender')
    const cookie = res.headers.getSetCookie().map(c => c.split(';')[0]).join('; ')
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await post('/api/auth/verify-email/resend', {}, newAddress(), { cookie })).status)
    expect(statuses).toEqual([200, 200, 200, 429])
  })
})

describe('refreshing one session', () => {
  it('is capped at 120 times an hour', async () => {
    const { res } = await register(newAddress(), 'refresher')
    let cookie = res.headers.getSetCookie().map(c => c.split(';')[0]).join('; ')
    const statuses: number[] = []
    for (let i = 0; i < 121; i++) {
      const renewed = await fetch(`${server.url}/api/auth/refresh`, { method: 'POST', headers: { 'origin': server.url, 'x-forwarded-for': newAddress(), cookie } })
      statuses.push(renewed.status)
      if (renewed.status === 200) cookie = renewed.headers.getSetCookie().map(c => c.split(';')[0]).join('; ')
    }
    expect(statuses.slice(0, 120).every(s => s === 200)).toBe(true)
    expect(statuses[120]).toBe(429)
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

describe('page renders', () => {
  it('are metered per address: 240 a minute, then a short 429 that costs no render', async () => {
    const from = newAddress()
    const load = (path: string, address = from) => fetch(`${server.url}${path}`, { headers: { 'accept': 'text/html', 'x-forwarded-for': address } })
    const statuses: number[] = []
    for (let batch = 0; batch < 24; batch++) statuses.push(...await Promise.all(Array.from({ length: 10 }, (_, i) => load(`/products?x=${batch * 10 + i}`).then(r => r.status))))
    expect(statuses.every(s => s === 200)).toBe(true)
    const over = await load('/products?x=over')
    expect(over.status).toBe(429)
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(over.headers.get('content-type')).toMatch(/^text\/plain/)
    expect((await load('/sitemap.xml')).status).toBe(429)
    expect((await load('/products', newAddress())).status).toBe(200)
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
