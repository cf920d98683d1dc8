import { randomUUID } from 'node:crypto'
import { SignJWT, UnsecuredJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { TEST_JWT_SECRET } from '../support/server'
import { ACCESS_COOKIE, registered, Session, signedInAdmin } from './session'

const realKey = new TextEncoder().encode(TEST_JWT_SECRET)

/** A session whose access cookie is replaced by `token` (and no refresh cookie to fall back on). */
function withAccessToken(token: string) {
  const session = new Session()
  session.cookies.set(ACCESS_COOKIE, { value: token, path: '/', attributes: '' })
  return session
}

function claimsOf(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())
}

describe('access tokens an attacker might bring', () => {
  let customer: Awaited<ReturnType<typeof registered>>
  let adminId: string
  let claims: { sub: string, sid: string, jti: string, iss: string, aud: string, exp: number }

  beforeAll(async () => {
    customer = await registered('victim')
    adminId = (await signedInAdmin()).user.id
    claims = claimsOf(customer.session.access!)
  })

  const forged = (payload: Record<string, unknown>, { key = realKey, alg = 'HS256' } = {}) =>
    new SignJWT(payload).setProtectedHeader({ alg }).sign(key)

  it('the genuine one works', async () => {
    expect((await withAccessToken(customer.session.access!).request('/api/auth/profile')).status).toBe(200)
    expect(claims).toMatchObject({ iss: 'comptoir', aud: 'comptoir', sub: customer.user.id })
  })

  it('refuses a token whose payload was edited (sub swapped to the admin)', async () => {
    const [header, , signature] = customer.session.access!.split('.')
    const payload = Buffer.from(JSON.stringify({ ...claims, sub: adminId })).toString('base64url')
    const res = await withAccessToken(`${header}.${payload}.${signature}`).request('/api/users')
    expect(res.status).toBe(401)
  })

  it('refuses alg: none', async () => {
    const token = new UnsecuredJWT({ ...claims, sub: adminId }).encode()
    expect((await withAccessToken(token).request('/api/auth/profile')).status).toBe(401)
  })

  it('refuses a token signed with another key', async () => {
    const token = await forged({ ...claims, sub: adminId }, { key: new TextEncoder().encode('another-secret-of-at-least-32-bytes!!') })
    expect((await withAccessToken(token).request('/api/auth/profile')).status).toBe(401)
  })

  it('refuses another algorithm, even with the right key', async () => {
    const token = await forged({ ...claims, jti: randomUUID() }, { alg: 'HS512' })
    expect((await withAccessToken(token).request('/api/auth/profile')).status).toBe(401)
  })

  it.each([
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 60 }],
    ['another issuer', { iss: 'evil' }],
    ['another audience', { aud: 'other-app' }],
    ['no session id', { sid: undefined }],
    ['a session that does not exist', { sid: randomUUID() }],
    ['a user that does not exist', { sub: randomUUID() }],
  ])('refuses %s', async (_, override) => {
    const token = await forged({ ...claims, jti: randomUUID(), ...override })
    expect((await withAccessToken(token).request('/api/auth/profile')).status).toBe(401)
  })

  it('refuses garbage', async () => {
    for (const token of ['', 'abc', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9..', 'x'.repeat(5000)]) {
      expect((await withAccessToken(token).request('/api/auth/profile')).status).toBe(401)
    }
  })
})

describe('the session a page lends to its own render', () => {
  it('is never lent to a request from outside, whatever header it sends', async () => {
    const { session } = await registered('lender')
    // While a signed-in page renders, its API calls borrow its session by a random id; an outside caller cannot.
    const pages = Array.from({ length: 5 }, () => session.request('/products', { headers: { accept: 'text/html' } }))
    const probes = Array.from({ length: 20 }, () => new Session().request('/api/auth/profile', { headers: { 'x-comptoir-render': randomUUID() } }))
    const [rendered, probed] = await Promise.all([Promise.all(pages), Promise.all(probes)])
    expect(rendered.every(page => page.status === 200 && page.text.includes(`Account menu: </span>`))).toBe(true)
    expect(probed.map(probe => probe.status)).toEqual(Array.from({ length: 20 }, () => 401))
  })
})
