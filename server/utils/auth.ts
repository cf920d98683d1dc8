import type { H3Event } from 'h3'
import type { ShopLocale } from '#shared/utils/locale'
import { apiError } from '../lib/errors'
import { authCookieNames } from '#shared/utils/auth'
import { requestAddress } from '#platform'
import { clientAddressFrom } from './client-address'
import { useConfig } from '../lib/config'

/** Secure cookies everywhere but in development (plain http://localhost). */
const secure = !import.meta.dev
const names = authCookieNames(secure)
export const ACCESS_COOKIE = names.access
export const REFRESH_COOKIE = names.refresh
export const SESSION_COOKIE = names.session
export const DEVICE_COOKIE = names.device
const REFRESH_PATH = '/api/auth'

export function setAuthCookies(event: H3Event, tokens: { access: string, refresh: string }) {
  const config = useConfig()
  const options = { httpOnly: true, secure, sameSite: 'lax' } as const
  setCookie(event, ACCESS_COOKIE, tokens.access, { ...options, path: '/', maxAge: config.accessTokenTtl })
  setCookie(event, REFRESH_COOKIE, tokens.refresh, { ...options, path: REFRESH_PATH, maxAge: config.refreshTokenTtl })
  setCookie(event, SESSION_COOKIE, '1', { ...options, path: '/', maxAge: config.refreshTokenTtl })
}

export function clearAuthCookies(event: H3Event) {
  const options = { httpOnly: true, secure, sameSite: 'lax' } as const
  deleteCookie(event, ACCESS_COOKIE, { ...options, path: '/' })
  deleteCookie(event, REFRESH_COOKIE, { ...options, path: REFRESH_PATH })
  deleteCookie(event, SESSION_COOKIE, { ...options, path: '/' })
}

/** Whether the request carries any of the session cookies (and so may act as the user). */
export function hasAuthCookies(event: H3Event) {
  return Boolean(getCookie(event, ACCESS_COOKIE) || getCookie(event, REFRESH_COOKIE))
}

export interface SessionUser {
  id: string
  /** Read with the session check: an order's confirmation goes to the current address. */
  email: string
  /** Orders need a confirmed address. */
  emailVerified: boolean
  isAdmin: boolean
  /** The account's language: the API's answers when a request names none. */
  locale: ShopLocale
  /** The access token's id and expiry, and the session (refresh family) it belongs to. */
  jti: string
  expiresAt: Date
  sessionId: string
}

/** The signed-in user, or a 401. */
export function requireUser(event: H3Event): SessionUser {
  const user = event.context.user
  if (!user) throw apiError(401, 'Authentication required')
  return user
}

/** A signed-in admin, or a 401 (not signed in) / 403 (signed in, not an admin). */
export function requireAdmin(event: H3Event): SessionUser {
  const user = requireUser(event)
  if (!user.isAdmin) throw apiError(403, 'Admins only')
  return user
}

/**
 * The client's address: the socket's, or, behind TRUST_PROXY proxies, the X-Forwarded-For
 * entry the outermost of them wrote. Undefined for the server's own calls during SSR,
 * which have no socket.
 */
export function clientAddress(event: H3Event): string | undefined {
  return clientAddressFrom(requestAddress(event), getRequestHeader(event, 'x-forwarded-for'), useConfig().trustProxy)
}

/** The admin behind a write, as the audit log records them; checks nothing (the handler's first line did). */
export function auditActor(event: H3Event, admin: SessionUser) {
  return { id: admin.id, ipAddress: clientAddress(event), requestId: event.context.requestId }
}
