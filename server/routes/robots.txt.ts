/** Crawlers may read the storefront; accounts, carts and the admin are nobody's search results. */
export default defineEventHandler((event) => {
  setResponseHeader(event, 'Content-Type', 'text/plain; charset=utf-8')
  return [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /account',
    'Disallow: /cart',
    'Disallow: /checkout',
    'Disallow: /orders',
    'Disallow: /login',
    'Disallow: /register',
    'Disallow: /verify-email',
    'Disallow: /api/',
    '',
    `Sitemap: ${getRequestURL(event).origin}/sitemap.xml`,
    '',
  ].join('\n')
})
