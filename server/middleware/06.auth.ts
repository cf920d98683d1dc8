import { loadSessionUser } from '../services/sessions'
import { toUserJson } from '../services/users'

/**
 * Decorates only: a request with a genuine, live access token gets `event.context.user`;
 * anything else (no cookie, expired, forged, denied, deactivated user, ended session)
 * simply stays anonymous. Handlers decide with requireUser / requireAdmin.
 *
 * A page request is checked here too, and lends its session to the API calls its render
 * makes (server/utils/render-session.ts): a signed-in page checks the session once.
 */
export default defineEventHandler(async (event) => {
  const isApi = event.path.startsWith('/api/')
  if (isApi) {
    const lent = sessionOfRender(event)
    if (lent) {
      event.context.user = lent
      return
    }
  }
  else if (event.method !== 'GET' || !getRequestHeader(event, 'accept')?.includes('text/html')) return
  const token = getCookie(event, ACCESS_COOKIE)
  if (!token) return
  const claims = await verifyAccessToken(token)
  if (!claims) return
  const account = await loadSessionUser(useDb(), claims)
  if (!account) return
  event.context.user = {
    id: account.id,
    email: account.email,
    emailVerified: account.emailVerifiedAt !== null,
    isAdmin: account.isAdmin,
    locale: account.locale,
    jti: claims.jti,
    expiresAt: new Date(claims.exp * 1000),
    sessionId: claims.sid,
  }
  if (isApi) return
  lendSessionToRender(event, event.context.user)
  // The render shows the profile: it was read with the session check.
  event.context.profile = toUserJson(account)
})
