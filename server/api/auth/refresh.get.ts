import * as v from 'valibot'

const Query = v.object({ redirect: v.optional(v.string()) })

/**
 * Page loads never carry the refresh cookie (it is scoped to /api/auth). When a page is
 * rendered after the access token expired, the browser is sent through here: the session
 * is renewed (or its cookies cleared) and the browser goes back to the page, on this site only.
 * It only rotates the caller's own tokens and reveals nothing, so a GET is safe.
 */
export default defineEventHandler(async (event) => {
  const { redirect } = await getValidatedQuery(event, v.parser(Query))
  await renewSession(event)
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return sendRedirect(event, safeRedirect(redirect, '/', getRequestURL(event).origin), 303)
})
