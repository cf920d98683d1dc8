import type { H3Event } from 'h3'
import { apiError } from './errors'
import { useConfig } from './config'

/**
 * In production the access cookie carries the `__Host-` prefix (Secure, Path=/, no Domain:
 * no subdomain can plant or read it). The refresh cookie is scoped to /api/auth, which the
 * `__Host-` prefix forbids, so it takes `__Secure-`.
 */
const secure = !import.meta.dev
export const ACCESS_COOKIE = secure ? '__Host-comptoir_access' : 'comptoir_access'
export const REFRESH_COOKIE = secure ? '__Secure-comptoir_refresh' : 'comptoir_refresh'
const REFRESH_PATH = '/api/auth'

export function setAuthCookies(event: H3Event, tokens: { access: string, refresh: string }) {
  const config = useConfig()
  setCookie(event, ACCESS_COOKIE, tokens.access, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: config.accessTokenTtl })
  setCookie(event, REFRESH_COOKIE, tokens.refresh, { httpOnly: true, secure, sameSite: 'lax', path: REFRESH_PATH, maxAge: config.refreshTokenTtl })
}

export function clearAuthCookies(event: H3Event) {
  deleteCookie(event, ACCESS_COOKIE, { httpOnly: true, secure, sameSite: 'lax', path: '/' })
  deleteCookie(event, REFRESH_COOKIE, { httpOnly: true, secure, sameSite: 'lax', path: REFRESH_PATH })
}

/** Whether the request carries any of the session cookies (and so may act as the user). */
export function hasAuthCookies(event: H3Event) {
  return Boolean(getCookie(event, ACCESS_COOKIE) || getCookie(event, REFRESH_COOKIE))
}

export interface SessionUser {
  id: string
  isAdmin: boolean
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
 * The client's address: the socket's, or the proxy's X-Forwarded-For when TRUST_PROXY=on.
 * Undefined for the server's own calls during SSR, which have no socket.
 */
export function clientAddress(event: H3Event): string | undefined {
  return getRequestIP(event, { xForwardedFor: useConfig().trustProxy })
}
