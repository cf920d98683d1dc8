/**
 * Page loads never carry the refresh cookie (it is scoped to /api/auth). When one arrives
 * with the session cookie but no usable access token (expired, or dropped by the browser),
 * the browser is sent through GET /api/auth/refresh, which renews the session (or clears
 * its cookies) and comes straight back, so the page renders signed in, without a flash.
 */
export default defineEventHandler(async (event) => {
  if (event.method !== 'GET' || event.path.startsWith('/api/') || event.path.startsWith('/_') || event.path.startsWith('/__')) return
  if (!getRequestHeader(event, 'accept')?.includes('text/html') || !getCookie(event, SESSION_COOKIE)) return
  const token = getCookie(event, ACCESS_COOKIE)
  // 06.auth has checked it already when the session is live.
  if (event.context.user || (token && await verifyAccessToken(token))) return
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return sendRedirect(event, `/api/auth/refresh?redirect=${encodeURIComponent(event.path)}`, 303)
})
