import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../server/database/seed'
import { expectNothingInternal } from './http'
import { ACCESS_COOKIE, REFRESH_COOKIE, registered, Session, signedInAdmin, uniqueAccount } from './session'

describe('POST /api/auth/register', () => {
  it('creates the account, signs it in with HttpOnly cookies and returns no token', async () => {
    const session = new Session()
    const account = uniqueAccount()
    const res = await session.request('/api/auth/register', { method: 'POST', json: { ...account, full_name: 'Ada Lovelace' } })
    expect(res.status).toBe(201)
    expect(Object.keys(res.body.data.user).sort()).toEqual(['created_at', 'email', 'email_verified', 'full_name', 'id', 'is_active', 'is_admin', 'last_login', 'locale', 'updated_at', 'username'])
    expect(res.body.data.user).toMatchObject({ email: account.email, username: account.username, full_name: 'Ada Lovelace', is_admin: false, is_active: true, email_verified: false })
    expect(res.text).not.toMatch(/eyJ|password|token/i)

    const access = session.cookie(ACCESS_COOKIE)!
    expect(access.path).toBe('/')
    expect(access.attributes).toMatch(/HttpOnly/)
    expect(access.attributes).toMatch(/Secure/)
    expect(access.attributes).toMatch(/SameSite=Lax/)
    expect(access.attributes).not.toMatch(/Domain=/i)
    const refresh = session.cookie(REFRESH_COOKIE)!
    expect(refresh.path).toBe('/api/auth')
    expect(refresh.attributes).toMatch(/HttpOnly/)
    expect(refresh.value).toMatch(/^[\w-]{43}$/) // 256 random bits, base64url

    const profile = await session.request('/api/auth/profile')
    expect(profile.status).toBe(200)
    expect(profile.body.data.email).toBe(account.email)
  })

  it('ignores fields nobody may set on themselves (mass assignment)', async () => {
    const session = new Session()
    const res = await session.request('/api/auth/register', { method: 'POST', json: { ...uniqueAccount(), is_admin: true, is_active: false, id: '00000000-0000-0000-0000-000000000000', password_hash: 'x' } })
    expect(res.status).toBe(201)
    expect(res.body.data.user).toMatchObject({ is_admin: false, is_active: true })
    expect(res.body.data.user.id).not.toBe('00000000-0000-0000-0000-000000000000')
    expect((await session.request('/api/users')).status).toBe(403)
  })

  it('refuses a taken e-mail or username, whatever their case', async () => {
    const { account } = await registered()
    const res = await new Session().request('/api/auth/register', { method: 'POST', json: { ...uniqueAccount(), email: account.email.toUpperCase() } })
    expect(res.status).toBe(409)
    expect(res.body.details).toEqual({ email: ['This email is already registered'] })
    const again = await new Session().request('/api/auth/register', { method: 'POST', json: { ...uniqueAccount(), username: account.username.toUpperCase() } })
    expect(again.status).toBe(409)
    expect(again.body.details).toEqual({ username: ['This username is taken'] })
  })

  it('reports every invalid field and signs nobody in', async () => {
    const session = new Session()
    const res = await session.request('/api/auth/register', { method: 'POST', json: { email: 'not-an-email', username: 'a b', password: 'short' } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.details).sort()).toEqual(['email', 'password', 'username'])
    expect(session.cookies.size).toBe(0)
  })

  it('checks the password length before hashing: 128 characters pass, 129 and huge ones do not', async () => {
    const ok = await new Session().request('/api/auth/register', { method: 'POST', json: { ...uniqueAccount(), password: 'p'.repeat(128) } })
    expect(ok.status).toBe(201)
    for (const password of ['p'.repeat(129), 'p'.repeat(500_000)]) {
      const res = await new Session().request('/api/auth/register', { method: 'POST', json: { ...uniqueAccount(), password } })
      expect(res.status).toBe(400)
      expect(res.body.details.password).toEqual(['password must be at most 128 characters'])
    }
  })
})

describe('POST /api/auth/login', () => {
  it('signs in with the right password, whatever the e-mail\'s case', async () => {
    const { account } = await registered()
    const session = new Session()
    const res = await session.request('/api/auth/login', { method: 'POST', json: { email: account.email.toUpperCase(), password: account.password } })
    expect(res.status).toBe(200)
    expect(res.body.data.user.email).toBe(account.email)
    expect(res.body.data.user.last_login).toEqual(expect.any(String))
    expect(session.access).toBeDefined()
    expect(session.refresh).toBeDefined()
  })

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const { account } = await registered()
    const wrong = await new Session().request('/api/auth/login', { method: 'POST', json: { email: account.email, password: 'wrong password!' } })
    const unknown = await new Session().request('/api/auth/login', { method: 'POST', json: { email: `nobody-${Date.now()}@test.example`, password: 'wrong password!' } })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(unknown.body).toEqual(wrong.body)
    expect(wrong.headers.get('set-cookie')).toBeNull()
  })

  it('does not answer an unknown e-mail measurably faster than a wrong password', async () => {
    const { account } = await registered()
    async function median(email: string) {
      const times: number[] = []
      for (let i = 0; i < 5; i++) {
        const started = performance.now()
        await new Session().request('/api/auth/login', { method: 'POST', json: { email, password: 'wrong password!' } })
        times.push(performance.now() - started)
      }
      return times.sort((a, b) => a - b)[2]!
    }
    const wrongPassword = await median(account.email)
    const unknownEmail = await median(`ghost-${Date.now()}@test.example`)
    // Without a decoy hash an unknown e-mail answers in about a millisecond, a wrong password after argon2's tens.
    expect(unknownEmail).toBeGreaterThan(wrongPassword * 0.5)
  })

  it('refuses a deactivated account even with the right password', async () => {
    const { account, user } = await registered()
    const { session: admin } = await signedInAdmin()
    expect((await admin.request(`/api/users/${user.id}`, { method: 'PUT', json: { is_active: false } })).status).toBe(200)
    const res = await new Session().request('/api/auth/login', { method: 'POST', json: { email: account.email, password: account.password } })
    expect(res.status).toBe(403)
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('validates the body', async () => {
    const res = await new Session().request('/api/auth/login', { method: 'POST', json: { email: '', password: 'x'.repeat(200) } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.details).sort()).toEqual(['email', 'password'])
    expectNothingInternal(res.text)
  })

  it('counts no failures when RATE_LIMIT=off (this server runs so)', async () => {
    const { account } = await registered()
    for (let i = 0; i < 8; i++) {
      expect((await new Session().request('/api/auth/login', { method: 'POST', json: { email: account.email, password: 'wrong password!' } })).status).toBe(401)
    }
    expect((await new Session().request('/api/auth/login', { method: 'POST', json: { email: account.email, password: account.password } })).status).toBe(200)
  })

  it('keeps the demo admin usable', async () => {
    const res = await new Session().request('/api/auth/login', { method: 'POST', json: { email: DEMO_ACCOUNTS.admin.email, password: DEMO_ACCOUNTS.admin.password } })
    expect(res.body.data.user.is_admin).toBe(true)
  })
})
