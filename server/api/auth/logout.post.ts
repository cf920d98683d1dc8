import { denyAccessToken, revokeSessions, sessionOfRefreshToken } from '../../services/sessions'

/**
 * Ends this session: its refresh family is revoked and the current access token denied
 * until it expires. Always clears the cookies, even when the session had already ended.
 */
export default defineEventHandler(async (event) => {
  const db = useDb()
  const user = event.context.user
  const refresh = getCookie(event, REFRESH_COOKIE)
  const sessionId = user?.sessionId ?? (refresh ? await sessionOfRefreshToken(db, refresh) : undefined)
  if (user) await denyAccessToken(db, user.jti, user.expiresAt)
  if (sessionId) await revokeSessions(db, { familyId: sessionId })
  clearAuthCookies(event)
  return { message: 'Signed out' }
})
