import type { H3Event } from 'h3'
import { LRUCache } from 'lru-cache'
import type { RenderResponse } from 'nitropack/types'

/** The storefront's public pages: the home page, the catalog (any query) and product pages, in each language. */
const LIST_PAGES = /^\/(?:products)?$/
const PRODUCT_PAGE = /^\/products\/([\w-]+)$/
/** French pages are English pages' paths under `/fr`. */
const LOCALE_PREFIX = /^\/([a-z]{2})(?=\/|$)/

/** Cookies that change nothing personal: the language switch's choice (read by `/` only) and the theme, part of the key. */
const NEUTRAL_COOKIES = new Set([LOCALE_COOKIE, THEME_COOKIE])

/** Headers a cached page is sent again with; the rest are per request (ids, cookies) or set for every response. */
const KEPT_HEADERS = ['content-type', 'content-security-policy']

const pages = new LRUCache<string, { body: string, headers: Record<string, string> }>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: page => page.body.length + 256,
  // The catalog versions in the key cover products, prices and stock; the TTL bounds the rest.
  ttl: 60_000,
})

/** The theme the page is rendered in, when the visitor chose one; undefined when a cookie makes the page personal. */
function neutralCookies(event: H3Event): { theme: string } | undefined {
  const cookies = parseCookies(event)
  if (Object.keys(cookies).some(name => !NEUTRAL_COOKIES.has(name))) return undefined
  const theme = cookies[THEME_COOKIE]
  if (theme === undefined) return { theme: 'system' }
  // Only the values color-mode writes; anything else (`%22dark%22`, which the page's own cookie
  // reader would still take as dark) is rendered for its sender and not kept.
  return theme === 'light' || theme === 'dark' ? { theme } : undefined
}

/**
 * The key of a request whose page anyone could be shown: a GET of a public page by a
 * visitor who sends no cookie but the language's and the theme's (no session, no cart).
 * Anything personal needs a cookie, so such a visitor gets the page everyone gets in
 * their language and theme.
 */
function cacheKey(event: H3Event) {
  if (event.method !== 'GET') return
  const cookies = neutralCookies(event)
  if (!cookies) return
  const fullPath = event.path.split('?')[0]!
  const locale = LOCALE_PREFIX.exec(fullPath)?.[1] ?? DEFAULT_LOCALE
  if (!isShopLocale(locale)) return
  const path = fullPath.replace(LOCALE_PREFIX, '') || '/'
  const productId = PRODUCT_PAGE.exec(path)?.[1]
  // A product page changes with its product; the others with any product.
  const version = productId ? `p${productVersion(productId)}` : LIST_PAGES.test(path) ? `l${catalogVersion()}` : undefined
  if (!version) return
  const page = pageCachePath(path, getQuery(event))
  if (!page) return
  // Pages carry absolute URLs (canonical, Open Graph): the host and scheme are part of the key.
  const origin = [getRequestHeader(event, 'host'), getRequestHeader(event, 'x-forwarded-host'), getRequestHeader(event, 'x-forwarded-proto')].join('|')
  return `${version}|${origin}|${locale}|${cookies.theme}|${page}`
}

/**
 * Rendered storefront pages for anonymous visitors, kept in memory for a minute: a
 * product page that a search engine, a link preview or a newcomer asks for again is sent
 * without rendering it again. Pages for visitors with a session or a cart are always
 * rendered for them.
 */
export default defineNitroPlugin((nitroApp) => {
  if (import.meta.dev) return
  nitroApp.hooks.hook('render:before', (context: { event: H3Event, response?: Partial<RenderResponse> }) => {
    const key = cacheKey(context.event)
    if (!key) return
    const page = pages.get(key)
    if (page) {
      context.response = { body: page.body, statusCode: 200, headers: { ...page.headers, 'x-page-cache': 'hit' } }
      return
    }
    context.event.context.pageCacheKey = key
  })

  nitroApp.hooks.hook('render:response', (response, { event }) => {
    const key = event.context.pageCacheKey
    if (!key || (response.statusCode ?? 200) !== 200 || typeof response.body !== 'string') return
    const headers = { ...getResponseHeaders(event), ...response.headers }
    // A page that sets a cookie was made for this visitor.
    if (headers['set-cookie']) return
    pages.set(key, { body: response.body, headers: Object.fromEntries(KEPT_HEADERS.filter(name => headers[name]).map(name => [name, String(headers[name])])) })
    setResponseHeader(event, 'x-page-cache', 'miss')
  })
})
