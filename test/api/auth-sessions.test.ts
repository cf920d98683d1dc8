import { describe, expect, it } from 'vitest'
import { baseURL } from './http'
import { ACCESS_COOKIE, registered, Session, signedInAdmin } from './session'

describe('refresh', () => {
  it('rotates both cookies', async () => {
    const { session } = await registered()
    const before = { access: session.access, refresh: session.refresh }
    const res = await session.request('/api/auth/refresh', { method: 'POST' })
    expect(res.status).toBe(200)
    expect(session.access).not.toBe(before.access)
    expect(session.refresh).not.toBe(before.refresh)
    expect((await session.request('/api/auth/profile')).status).toBe(200)
  })

  it('works with the refresh cookie alone, as after the access token expired', async () => {
    const { session } = await registered()
    session.cookies.delete(ACCESS_COOKIE)
    expect((await session.request('/api/auth/profile')).status).toBe(401)
    expect((await session.request('/api/auth/refresh', { method: 'POST' })).status).toBe(200)
    expect((await session.request('/api/auth/profile')).status).toBe(200)
  })

  it('revokes the whole family when a rotated token comes back from another browser', async () => {
    const { session } = await registered()
    const thief = session.clone()
    expect((await session.request('/api/auth/refresh', { method: 'POST' })).status).toBe(200)
    // The stolen copy holds the token that was just rotated away.
    const replay = await thief.request('/api/auth/refresh', { method: 'POST', headers: { 'user-agent': 'Thief/1.0' } })
    expect(replay.status).toBe(401)
    expect(replay.body.error).toMatch(/used twice/)
    // The legitimate holder is signed out too: the session is over for both.
    expect((await session.request('/api/auth/refresh', { method: 'POST' })).status).toBe(401)
    expect((await session.request('/api/auth/profile')).status).toBe(401)
  })

  it('gives a second use by the same browser within seconds the successor it already issued (a lost response, two tabs)', async () => {
    const { session } = await registered()
    const lostResponse = session.clone()
    expect((await session.request('/api/auth/refresh', { method: 'POST' })).status).toBe(200)
    const again = await lostResponse.request('/api/auth/refresh', { method: 'POST' })
    expect(again.status).toBe(200)
    expect(lostResponse.refresh).toBe(session.refresh)
    // Both copies go on: the session was not ended.
    expect((await lostResponse.request('/api/auth/profile')).status).toBe(200)
    expect((await session.request('/api/auth/refresh', { method: 'POST' })).status).toBe(200)
    expect((await session.request('/api/auth/profile')).status).toBe(200)
  })

  it('answers concurrent uses from one browser with one successor, and keeps the session', async () => {
    const { session } = await registered()
    const tabs = Array.from({ length: 5 }, () => session.clone())
    const results = await Promise.all(tabs.map(tab => tab.request('/api/auth/refresh', { method: 'POST' })))
    expect(results.map(r => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(new Set(tabs.map(tab => tab.refresh)).size).toBe(1)
    expect((await tabs[0]!.request('/api/auth/refresh', { method: 'POST' })).status).toBe(200)
  })

  it('lets at most one of concurrent uses from different browsers win, and ends the session', async () => {
    const { session } = await registered()
    const copies = ['A/1', 'B/1', 'C/1'].map(agent => ({ agent, jar: session.clone() }))
    const results = await Promise.all(copies.map(({ agent, jar }) => jar.request('/api/auth/refresh', { method: 'POST', headers: { 'user-agent': agent } })))
    expect(results.filter(r => r.status === 200).length).toBeLessThanOrEqual(1)
    expect((await session.request('/api/auth/profile')).status).toBe(401)
  })

  it('survives a page on another site opening the refresh link twice (no logout CSRF)', async () => {
    const { session } = await registered()
    const [first, second] = [session.clone(), session.clone()]
    // Top-level navigations from elsewhere carry the SameSite=Lax cookies, and no Origin.
    expect((await first.request('/api/auth/refresh?redirect=/account', { headers: { referer: 'https://evil.example/' } })).status).toBe(303)
    expect((await second.request('/api/auth/refresh?redirect=/account', { headers: { referer: 'https://evil.example/' } })).status).toBe(303)
    expect(second.access).toBeDefined()
    expect((await second.request('/api/auth/profile')).status).toBe(200)
    expect((await first.request('/api/auth/profile')).status).toBe(200)
  })

  it('refuses an unknown or missing refresh token', async () => {
    expect((await new Session().request('/api/auth/refresh', { method: 'POST' })).status).toBe(401)
    const forged = new Session()
    forged.cookies.set('__Secure-comptoir_refresh', { value: 'A'.repeat(43), path: '/api/auth', attributes: '' })
    expect((await forged.request('/api/auth/refresh', { method: 'POST' })).status).toBe(401)
  })
})

describe('logout', () => {
  it('clears the cookies; the old access and refresh tokens no longer work', async () => {
    const { session } = await registered()
    const copy = session.clone()
    const res = await session.request('/api/auth/logout', { method: 'POST' })
    expect(res.status).toBe(200)
    expect(session.access).toBeUndefined()
    expect(session.refresh).toBeUndefined()
    expect((await copy.request('/api/auth/profile')).status).toBe(401)
    expect((await copy.request('/api/auth/refresh', { method: 'POST' })).status).toBe(401)
  })

  it('leaves the account\'s other sessions alone', async () => {
    const { session, account } = await registered()
    const other = new Session()
    await other.request('/api/auth/login', { method: 'POST', json: { email: account.email, password: account.password } })
    await session.request('/api/auth/logout', { method: 'POST' })
    expect((await other.request('/api/auth/profile')).status).toBe(200)
  })

  it('signing out everywhere ends every session', async () => {
    const { session, account } = await registered()
    const other = new Session()
    await other.request('/api/auth/login', { method: 'POST', json: { email: account.email, password: account.password } })
    expect((await session.request('/api/auth/logout-all', { method: 'POST' })).status).toBe(200)
    expect((await other.request('/api/auth/profile')).status).toBe(401)
    expect((await other.request('/api/auth/refresh', { method: 'POST' })).status).toBe(401)
  })
})

describe('PUT /api/auth/profile', () => {
  it('updates name and username, and nothing else', async () => {
    const { session } = await registered()
    const username = `renamed${Date.now().toString(36)}`
    const res = await session.request('/api/auth/profile', { method: 'PUT', json: { full_name: 'New Name', username, is_admin: true, email: 'x@evil.example' } })
    expect(res.status).toBe(200)
    expect(res.body.data).toMatchObject({ full_name: 'New Name', username, is_admin: false })
    expect(res.body.data.email).not.toBe('x@evil.example')
  })

  it('refuses a username someone else has', async () => {
    const { account: other } = await registered()
    const { session } = await registered()
    const res = await session.request('/api/auth/profile', { method: 'PUT', json: { username: other.username } })
    expect(res.status).toBe(409)
  })

  it('changes the password only with the current one, then ends every other session', async () => {
    const { session, account } = await registered()
    const other = new Session()
    await other.request('/api/auth/login', { method: 'POST', json: { email: account.email, password: account.password } })

    const missing = await session.request('/api/auth/profile', { method: 'PUT', json: { password: 'a brand new password' } })
    expect(missing.status).toBe(400)
    expect(missing.body.details.current_password).toBeDefined()
    const wrong = await session.request('/api/auth/profile', { method: 'PUT', json: { password: 'a brand new password', current_password: 'not it at all' } })
    expect(wrong.status).toBe(400)
    expect((await other.request('/api/auth/profile')).status).toBe(200)

    const ok = await session.request('/api/auth/profile', { method: 'PUT', json: { password: 'a brand new password', current_password: account.password } })
    expect(ok.status).toBe(200)
    expect((await session.request('/api/auth/profile')).status).toBe(200)
    expect((await other.request('/api/auth/profile')).status).toBe(401)
    expect((await other.request('/api/auth/refresh', { method: 'POST' })).status).toBe(401)
    const oldLogin = await new Session().request('/api/auth/login', { method: 'POST', json: { email: account.email, password: account.password } })
    expect(oldLogin.status).toBe(401)
    const newLogin = await new Session().request('/api/auth/login', { method: 'POST', json: { email: account.email, password: 'a brand new password' } })
    expect(newLogin.status).toBe(200)
  })

  it('needs a session', async () => {
    expect((await new Session().request('/api/auth/profile', { method: 'PUT', json: { full_name: 'x' } })).status).toBe(401)
  })
})

describe('a deactivated user', () => {
  it('is refused at once, valid token or not, and cannot refresh', async () => {
    const { session, user } = await registered()
    const { session: admin } = await signedInAdmin()
    expect((await session.request('/api/auth/profile')).status).toBe(200)
    await admin.request(`/api/users/${user.id}`, { method: 'PUT', json: { is_active: false } })
    expect((await session.request('/api/auth/profile')).status).toBe(401)
    expect((await session.request('/api/auth/refresh', { method: 'POST' })).status).toBe(401)
  })
})

describe('renewing a session on a page load', () => {
  const html = { accept: 'text/html' }

  it('sends a page request with an expired or missing access token through the refresh endpoint and back', async () => {
    const { session } = await registered()
    session.cookies.delete(ACCESS_COOKIE)
    const page = await session.request('/account?tab=1', { headers: html })
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/api/auth/refresh?redirect=%2Faccount%3Ftab%3D1')

    const renewed = await session.request(page.headers.get('location')!)
    expect(renewed.status).toBe(303)
    expect(renewed.headers.get('location')).toBe('/account?tab=1')
    expect(session.access).toBeDefined()
    expect((await session.request('/account?tab=1', { headers: html })).status).toBe(200)
  })

  it('clears the cookies when the session cannot be renewed, so the page renders for a guest', async () => {
    const { session } = await registered()
    await session.clone().request('/api/auth/logout', { method: 'POST' })
    session.cookies.delete(ACCESS_COOKIE)
    const renewed = await session.request('/api/auth/refresh?redirect=/account')
    expect(renewed.status).toBe(303)
    expect(session.cookies.size).toBe(0)
    expect((await session.request('/', { headers: html })).status).toBe(200)
  })

  it('only ever redirects within the site', async () => {
    const foreign = [
      '//evil.example/x', 'https://evil.example', '/\\evil.example', '\\\\evil.example', '/\t/evil.example', '/\n/evil.example',
      '\t//evil.example', ' //evil.example', '/.//evil.example', '/./\\evil.example', 'https:evil.example', 'https:/evil.example',
      'javascript:alert(document.cookie)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', '/api/auth/logout',
    ]
    for (const target of foreign) {
      const res = await new Session().request(`/api/auth/refresh?redirect=${encodeURIComponent(target)}`)
      expect(res.headers.get('location'), JSON.stringify(target)).toBe('/')
    }
    // The raw query of the report: %09 is a tab once decoded, which browsers drop from a Location.
    for (const raw of ['/%09/evil.example', '/%0A/evil.example', '%2F%2Fevil.example', '/%5Cevil.example', '%5C%5Cevil.example']) {
      const res = await new Session().request(`/api/auth/refresh?redirect=${raw}`)
      expect(res.headers.get('location'), raw).toBe('/')
    }
    // Encoded slashes that stay encoded are a path on this site, and are sent as one.
    for (const target of ['/%2F%2Fevil.example', '/%5C%5Cevil.example', '/products?q=//evil.example#//x', '/account?tab=1#orders']) {
      const location = (await new Session().request(`/api/auth/refresh?redirect=${encodeURIComponent(target)}`)).headers.get('location')!
      expect(new URL(location, baseURL).origin, target).toBe(new URL(baseURL).origin)
      expect(location, target).toBe(target)
    }
  })

  it('leaves pages alone for guests and for valid tokens', async () => {
    expect((await new Session().request('/', { headers: html })).status).toBe(200)
    const { session } = await registered()
    expect((await session.request('/', { headers: html })).status).toBe(200)
  })
})
