import { loadSessionUser } from '../services/sessions'

/**
 * Decorates only: a request with a genuine, live access token gets `event.context.user`;
 * anything else (no cookie, expired, forged, denied, deactivated user, ended session)
 * simply stays anonymous. Handlers decide with requireUser / requireAdmin.
 */
export default defineEventHandler(async (event) => {
  if (!event.path.startsWith('/api/')) return
  const token = getCookie(event, ACCESS_COOKIE)
  if (!token) return
  const claims = await verifyAccessToken(token)
  if (!claims) return
  const user = await loadSessionUser(useDb(), claims)
  if (!user) return
  event.context.user = { ...user, jti: claims.jti, expiresAt: new Date(claims.exp * 1000), sessionId: claims.sid }
})
