import type { H3Event } from 'h3'
import { RATE_LIMITS } from '../services/rate-limits'
import { rotateRefreshToken, sessionOfRefreshToken } from '../services/sessions'

/**
 * Renews the session from the refresh cookie: both cookies rotate, or, when the token is
 * unknown, expired, reused or its owner deactivated, every auth cookie is cleared. A
 * session may be renewed a limited number of times an hour (429 past it, cookies kept).
 */
export async function renewSession(event: H3Event) {
  const token = getCookie(event, REFRESH_COOKIE)
  const db = useDb()
  const config = useConfig()
  const sessionId = token && config.rateLimit ? await sessionOfRefreshToken(db, token) : undefined
  if (sessionId) await countAttempt([[`refresh:${sessionId}`, RATE_LIMITS.refreshPerSession]], 'This session was renewed too often; try again later')
  const result = token
    ? await rotateRefreshToken(db, token, { ttlSeconds: config.refreshTokenTtl, meta: clientMeta(event), secret: config.jwtSecret })
    : { ok: false as const, reason: 'unknown' as const }
  if (!result.ok) {
    clearAuthCookies(event)
    return result
  }
  const access = await signAccessToken(result.userId, result.sessionId)
  setAuthCookies(event, { access: access.token, refresh: result.token })
  return result
}
