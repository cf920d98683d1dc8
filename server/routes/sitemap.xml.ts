import { LRUCache } from 'lru-cache'
import { activeProductUrls } from '../services/products'

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, c => `&#${c.charCodeAt(0)};`)

/** Every page a search engine should know: the storefront and each active product. */
async function buildSitemap(origin: string) {
  const entries = [
    { loc: `${origin}/`, lastmod: undefined },
    { loc: `${origin}/products`, lastmod: undefined },
    ...(await readCatalog(activeProductUrls)).map(p => ({ loc: `${origin}/products/${p.id}`, lastmod: p.updatedAt.toISOString() })),
  ]
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map(e => `  <url><loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`),
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
