import { describe, expect, it } from 'vitest'
import { ALLOWED_ORIGIN } from '../support/server'
import { baseURL, page } from './http'
import { registered, Session, uniqueAccount } from './session'

describe('cross-site writes (CSRF)', () => {
  it('refuses a cookie-authenticated write from a foreign origin, and changes nothing', async () => {
    const { session } = await registered()
    const res = await session.request('/api/auth/profile', { method: 'PUT', json: { full_name: 'Pwned' }, headers: { origin: 'https://evil.example' } })
    expect(res.status).toBe(403)
    expect((await session.request('/api/auth/profile')).body.data.full_name).toBeNull()
  })

  it('refuses a cookie-authenticated write with neither Origin nor Referer', async () => {
    const { session } = await registered()
    session.origin = null
    expect((await session.request('/api/auth/logout', { method: 'POST' })).status).toBe(403)
    expect((await session.request('/api/auth/profile')).status).toBe(200)
  })

  it('judges by the Referer when there is no Origin', async () => {
    const { session } = await registered()
    session.origin = null
    expect((await session.request('/api/auth/profile', { method: 'PUT', json: { full_name: 'x' }, headers: { referer: 'https://evil.example/page' } })).status).toBe(403)
    expect((await session.request('/api/auth/profile', { method: 'PUT', json: { full_name: 'x' }, headers: { referer: `${baseURL}/account` } })).status).toBe(200)
  })

  it('refuses Origin: null (a sandboxed frame, a data: page) even with a Referer of this site', async () => {
    const { session } = await registered()
    const res = await session.request('/api/auth/profile', { method: 'PUT', json: { full_name: 'Framed' }, headers: { origin: 'null', referer: `${baseURL}/account` } })
    expect(res.status).toBe(403)
    expect((await session.request('/api/auth/profile')).body.data.full_name).toBeNull()
  })

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const res = await new Session().request('/api/auth/register', { method: 'POST', json: uniqueAccount(), headers: { origin: 'https://evil.example' } })
    expect(res.status).toBe(403)
  })

  it('lets a configured origin write, and answers its CORS preflight, and only its', async () => {
    const { session } = await registered()
    const ok = await session.request('/api/auth/profile', { method: 'PUT', json: { full_name: 'From admin app' }, headers: { origin: ALLOWED_ORIGIN } })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN)
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true')

    const preflight = await fetch(`${baseURL}/api/auth/profile`, { method: 'OPTIONS', headers: { 'origin': ALLOWED_ORIGIN, 'access-control-request-method': 'PUT' } })
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN)
    const evil = await fetch(`${baseURL}/api/auth/profile`, { method: 'OPTIONS', headers: { 'origin': 'https://evil.example', 'access-control-request-method': 'PUT' } })
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    const read = await fetch(`${baseURL}/api/products`, { headers: { origin: 'https://evil.example' } })
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('security headers', () => {
  it('on API responses', async () => {
    const res = await fetch(`${baseURL}/api/products?limit=1`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('content-security-policy')).toBe('default-src \'none\'; frame-ancestors \'none\'')
    expect(res.headers.get('x-powered-by')).toBeNull()
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000')
  })

  it('on pages, with a script policy that names each inline script by hash', async () => {
    const res = await page('/')
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain('frame-ancestors \'none\'')
    expect(csp).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')+;/)
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('x-powered-by')).toBeNull()
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000')
  })

  it('blesses only the scripts Nuxt wrote: the import map, the colour-mode script and the runtime config', async () => {
    const res = await page('/products')
    const hashes = res.headers.get('content-security-policy')!.match(/'sha256-[\w+/=]+'/g)!
    const inline = [...res.text.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g)].map(m => m[1]!)
    expect(inline.length).toBe(3)
    expect(inline.some(script => script.startsWith('window.__NUXT__'))).toBe(true)
    expect(hashes.length).toBe(inline.length)
  })
})
