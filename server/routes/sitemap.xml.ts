import { activeProductUrls } from '../services/products'

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, c => `&#${c.charCodeAt(0)};`)

/** Every page a search engine should know: the storefront and each active product. */
export default defineEventHandler(async (event) => {
  const origin = getRequestURL(event).origin
  const entries = [
    { loc: `${origin}/`, lastmod: undefined },
    { loc: `${origin}/products`, lastmod: undefined },
    ...(await activeProductUrls(useDb())).map(p => ({ loc: `${origin}/products/${p.id}`, lastmod: p.updatedAt.toISOString() })),
  ]
  setResponseHeader(event, 'Content-Type', 'application/xml; charset=utf-8')
  setResponseHeader(event, 'Cache-Control', 'public, max-age=600')
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map(e => `  <url><loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`),
    '</urlset>',
    '',
  ].join('\n')
})
