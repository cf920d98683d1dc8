import { rotateRefreshToken } from '../../services/sessions'
import { findUser, toUserJson } from '../../services/users'

/** Rotates both cookies. A refresh token presented twice ends its whole session family. */
export default defineEventHandler(async (event) => {
  const token = getCookie(event, REFRESH_COOKIE)
  if (!token) throw apiError(401, 'No session to refresh')
  const result = await rotateRefreshToken(useDb(), token, useConfig().refreshTokenTtl, clientMeta(event))
  if (!result.ok) {
    clearAuthCookies(event)
    throw apiError(401, result.reason === 'reused' ? 'This session was ended because its refresh token was used twice' : 'Session expired; please sign in again')
  }
  const access = await signAccessToken(result.userId, result.sessionId)
  setAuthCookies(event, { access: access.token, refresh: result.token })
  const user = await findUser(useDb(), result.userId)
  return { data: { user: toUserJson(user!) } }
})
