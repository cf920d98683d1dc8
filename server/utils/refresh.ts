import type { H3Event } from 'h3'
import { rotateRefreshToken } from '../services/sessions'

/**
 * Renews the session from the refresh cookie: both cookies rotate, or, when the token is
 * unknown, expired, reused or its owner deactivated, every auth cookie is cleared.
 */
export async function renewSession(event: H3Event) {
  const token = getCookie(event, REFRESH_COOKIE)
  const result = token
    ? await rotateRefreshToken(useDb(), token, useConfig().refreshTokenTtl, clientMeta(event))
    : { ok: false as const, reason: 'unknown' as const }
  if (!result.ok) {
    clearAuthCookies(event)
    return result
  }
  const access = await signAccessToken(result.userId, result.sessionId)
  setAuthCookies(event, { access: access.token, refresh: result.token })
  return result
}
