/** Pages that are nobody's search results: accounts, carts and the admin. */
const PRIVATE = ['/admin', '/account', '/cart', '/checkout', '/orders', '/login', '/register', '/verify-email']

/** Crawlers may read the storefront, in every language; the private pages are kept out in each. */
export default defineEventHandler((event) => {
  setResponseHeader(event, 'Content-Type', 'text/plain; charset=utf-8')
  const prefixes = LOCALES.map(locale => locale === DEFAULT_LOCALE ? '' : `/${locale}`)
  return [
    'User-agent: *',
    ...prefixes.flatMap(prefix => PRIVATE.map(path => `Disallow: ${prefix}${path}`)),
    'Disallow: /api/',
    '',
    `Sitemap: ${getRequestURL(event).origin}/sitemap.xml`,
    '',
  ].join('\n')
})
