import { LRUCache } from 'lru-cache'
import { activeProductUrls } from '../services/products'

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, c => `&#${c.charCodeAt(0)};`)

/** A page's address in a language: English at the root, the others under their prefix (`/fr/products`). */
const localized = (origin: string, locale: ShopLocale, path: string) => `${origin}${locale === DEFAULT_LOCALE ? '' : `/${locale}`}${locale !== DEFAULT_LOCALE && path === '/' ? '' : path}`

/** Every page a search engine should know, in each language, each naming its translations (hreflang alternates). */
async function buildSitemap(origin: string) {
  const pages = [
    { path: '/', lastmod: undefined },
    { path: '/products', lastmod: undefined },
    ...(await readCatalog(activeProductUrls)).map(p => ({ path: `/products/${p.id}`, lastmod: p.updatedAt.toISOString() })),
  ]
  const entry = (locale: ShopLocale, page: typeof pages[number]) => [
    `  <url><loc>${escapeXml(localized(origin, locale, page.path))}</loc>${page.lastmod ? `<lastmod>${page.lastmod}</lastmod>` : ''}`,
    ...LOCALES.map(other => `    <xhtml:link rel="alternate" hreflang="${other}" href="${escapeXml(localized(origin, other, page.path))}"/>`),
    `    <xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(localized(origin, DEFAULT_LOCALE, page.path))}"/>`,
    '  </url>',
  ].join('\n')
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...pages.flatMap(page => LOCALES.map(locale => entry(locale, page))),
    '</urlset>',
    '',
  ].join('\n')
}

/**
 * Built once per catalog version and host (concurrent requests share one build): listing
 * every product is no work to do on each request. A few hosts only, since the Host header
 * is the client's to choose.
 */
const sitemaps = new LRUCache<string, string, string>({
  max: 8,
  ttl: 600_000,
  fetchMethod: (_key, _stale, { context: origin }) => buildSitemap(origin),
})

export default defineEventHandler(async (event) => {
  const origin = getRequestURL(event).origin
  const key = `${catalogVersion()}|${origin}`
  setResponseHeader(event, 'x-page-cache', sitemaps.has(key) ? 'hit' : 'miss')
  const xml = await sitemaps.fetch(key, { context: origin })
  setResponseHeader(event, 'Content-Type', 'application/xml; charset=utf-8')
  setResponseHeader(event, 'Cache-Control', 'public, max-age=600')
  return xml
})
