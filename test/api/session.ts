import { DEMO_ACCOUNTS } from '../../server/database/seed'
import { baseURL } from './http'
import { verificationToken } from './mailbox'
import type { Response } from './http'

interface StoredCookie {
  value: string
  path: string
  attributes: string
}

let counter = 0
/** Unique e-mail and username for a test account. */
export function uniqueAccount(prefix = 'user') {
  const id = `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`
  return { email: `${id}@test.example`, username: id.slice(0, 32), password: 'correct horse battery' }
}

/**
 * A client with a cookie jar, as a browser on the shop's own pages would be: cookies go
 * back only to the paths they were set for, and writes carry the shop's Origin.
 */
export class Session {
  cookies = new Map<string, StoredCookie>()
  /** Where requests go (the shared test server unless said otherwise: one instance of a cluster, say). */
  readonly base: string
  origin: string | null

  constructor(base = baseURL) {
    this.base = base
    this.origin = base
  }

  async request<T = any>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response<T>> {
    const { json, ...rest } = init
    const headers = new Headers(rest.headers)
    if (json !== undefined) headers.set('content-type', 'application/json')
    const method = (rest.method ?? 'GET').toUpperCase()
    if (this.origin && method !== 'GET' && !headers.has('origin')) headers.set('origin', this.origin)
    const cookie = [...this.cookies].filter(([, c]) => path.startsWith(c.path)).map(([name, c]) => `${name}=${c.value}`).join('; ')
    if (cookie && !headers.has('cookie')) headers.set('cookie', cookie)
    const response = await fetch(this.base + path, { ...rest, method, headers, body: json !== undefined ? JSON.stringify(json) : rest.body, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) this.store(line)
    const text = await response.text()
    const isJson = response.headers.get('content-type')?.includes('json')
    return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : undefined as T, text }
  }

  private store(line: string) {
    const [pair, ...attributes] = line.split(';').map(part => part.trim())
    const [name, ...value] = pair!.split('=')
    const path = attributes.find(a => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/'
    const expired = attributes.some(a => /^max-age=0$/i.test(a)) || attributes.some(a => /^expires=thu, 01 jan 1970/i.test(a))
    if (expired) this.cookies.delete(name!)
    else this.cookies.set(name!, { value: value.join('='), path, attributes: attributes.join('; ') })
  }

  cookie(name: string) {
    return this.cookies.get(name)
  }

  get access() {
    return this.cookies.get(ACCESS_COOKIE)?.value
  }

  get refresh() {
    return this.cookies.get(REFRESH_COOKIE)?.value
  }

  /** Another client holding copies of these cookies (a stolen cookie jar, another tab), talking to `base`. */
  clone(base = this.base) {
    const copy = new Session(base)
    for (const [name, c] of this.cookies) copy.cookies.set(name, { ...c })
    return copy
  }
}

export const ACCESS_COOKIE = '__Host-comptoir_access'
export const REFRESH_COOKIE = '__Secure-comptoir_refresh'

/** A new customer, signed in; with `verified` (the default) they followed the link mailed to them, as ordering needs. */
export async function registered(prefix?: string, { verified = true, base = baseURL } = {}) {
  const session = new Session(base)
  const account = uniqueAccount(prefix)
  const res = await session.request('/api/auth/register', { method: 'POST', json: account })
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`)
  if (verified) {
    const confirmed = await new Session(base).request('/api/auth/verify-email', { method: 'POST', json: { token: await verificationToken(account.email) } })
    if (confirmed.status !== 200) throw new Error(`e-mail confirmation failed: ${confirmed.status} ${confirmed.text}`)
  }
  return { session, account, user: res.body.data.user as { id: string, email: string, username: string } }
}

export async function signedInAdmin(base = baseURL) {
  const session = new Session(base)
  const { email, password } = DEMO_ACCOUNTS.admin
  const res = await session.request('/api/auth/login', { method: 'POST', json: { email, password } })
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${res.text}`)
  return { session, user: res.body.data.user as { id: string } }
}
