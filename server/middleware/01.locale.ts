/**
 * The home page in the visitor's language: a request for `/` from someone whose kept
 * choice (the language switch's cookie) or, on a first visit, whose browser
 * (`Accept-Language`) prefers French is sent to `/fr`. Only `/` redirects, and `/fr` never
 * does, so a crawler cannot loop; a crawler without the header gets English at `/`, and
 * finds French through the pages' hreflang links and the sitemap.
 */
export default defineEventHandler((event) => {
  if ((event.method !== 'GET' && event.method !== 'HEAD') || event.path.split('?')[0] !== '/') return
  setResponseHeader(event, 'Vary', 'Accept-Language, Cookie')
  const kept = getCookie(event, LOCALE_COOKIE)
  const wanted = isShopLocale(kept) ? kept : negotiateLocale(getRequestHeader(event, 'accept-language'))
  if (!wanted || wanted === DEFAULT_LOCALE) return
  const query = event.path.slice(1)
  setResponseHeader(event, 'Cache-Control', 'private, no-cache')
  return sendRedirect(event, `/${wanted}${query}`, 302)
})
