/**
 * The bare SSR baseline: node:http, the shop's product queries, and Vue's renderToString of
 * the storefront's markup (./markup.ts), with the same head tags (title, description,
 * canonical, Open Graph, JSON-LD). A request with a cookie is drawn
 * signed in (a username and a cart badge), as the shop draws it, but no session is checked.
 * No router, no head manager, no payload for hydration, no CSS framework at run time.
 */
import { createServer } from 'node:http'
import type { ServerResponse } from 'node:http'
import { createSSRApp, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { isUuid, openBareDatabase, pageQuery, productById, productPage } from './database.ts'
import { CATALOG_DESCRIPTION, Layout, productJsonLd, ProductList, ProductPage, visitorOf } from './markup.ts'

const db = openBareDatabase(process.env)

const PAGE_SIZE = 12

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`)

interface Head { title: string, description: string, canonical?: string, jsonLd?: unknown }

function sendHtml(res: ServerResponse, status: number, head: Head, body: string) {
  const meta = [
    `<title>${escapeHtml(head.title)} · Comptoir</title>`,
    `<meta name="description" content="${escapeHtml(head.description)}">`,
    `<meta property="og:title" content="${escapeHtml(head.title)}">`,
    `<meta property="og:description" content="${escapeHtml(head.description)}">`,
    '<meta property="og:type" content="website"><meta property="og:site_name" content="Comptoir">',
    head.canonical ? `<link rel="canonical" href="${escapeHtml(head.canonical)}"><meta property="og:url" content="${escapeHtml(head.canonical)}">` : '',
    head.jsonLd ? `<script type="application/ld+json">${JSON.stringify(head.jsonLd).replace(/</g, '\\u003c')}</script>` : '',
  ].join('')
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${meta}<link rel="icon" type="image/svg+xml" href="/favicon.svg"></head><body><div id="__nuxt">${body}</div></body></html>`
  res.writeHead(status, { 'content-type': 'text/html;charset=utf-8', 'content-length': Buffer.byteLength(html) })
  res.end(html)
}

const server = createServer((req, res) => {
  const url = new URL(req.url!, 'http://localhost')
  const origin = `http://${req.headers.host}`
  const visitor = visitorOf(req.headers.cookie)
  const render = (page: ReturnType<typeof h>) => renderToString(createSSRApp({ render: () => h(Layout, { visitor }, { default: () => page }) }))
  const detail = /^\/products\/([^/]+)$/.exec(url.pathname)
  const rendering = url.pathname === '/products'
    ? productPage(db, { ...pageQuery(url.searchParams, PAGE_SIZE), limit: PAGE_SIZE }).then(async (page) => {
        const body = await render(h(ProductList, { products: page.data, page: page.page, pages: Math.max(1, Math.ceil(page.total / PAGE_SIZE)), total: page.total }))
        sendHtml(res, 200, { title: 'All products', description: CATALOG_DESCRIPTION }, body)
      })
    : detail && isUuid(detail[1]!)
      ? productById(db, detail[1]!).then(async (product) => {
          if (!product) return sendHtml(res, 404, { title: 'Not found', description: '' }, '<h1>Product not found</h1>')
          const canonical = `${origin}/products/${product.id}`
          sendHtml(res, 200, { title: product.name, description: product.description.slice(0, 160), canonical, jsonLd: productJsonLd(product, canonical) }, await render(h(ProductPage, { product })))
        })
      : Promise.resolve(sendHtml(res, 404, { title: 'Not found', description: '' }, '<h1>Page not found</h1>'))
  rendering.catch((error: Error) => sendHtml(res, 500, { title: 'Error', description: '' }, escapeHtml(error.message)))
})
server.listen(Number(process.env.PORT), '127.0.0.1')
process.once('SIGTERM', () => process.exit(0))
