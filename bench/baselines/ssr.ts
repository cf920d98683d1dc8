/**
 * The bare SSR baseline: node:http, the shop's product queries, and Vue's renderToString of
 * the storefront's markup for a product grid (cards with image placeholder, category,
 * name, price and stock badge, then pagination links) and for a product page. No router,
 * no head management, no payload for hydration, no layout, no CSS framework.
 */
import { createServer } from 'node:http'
import type { ServerResponse } from 'node:http'
import { createSSRApp, defineComponent, h } from 'vue'
import type { PropType } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { formatPrice } from '../../shared/utils/money.ts'
import { isUuid, openBareDatabase, pageQuery, productById, productPage } from './database.ts'
import type { BareProduct as Product } from './database.ts'

const db = openBareDatabase(process.env)

const PAGE_SIZE = 12

const StockBadge = defineComponent({
  props: { stock: { type: Number, required: true } },
  setup(props) {
    return () => {
      const [label, color] = props.stock === 0 ? ['Out of stock', 'error'] : props.stock <= 5 ? [`Only ${props.stock} left`, 'warning'] : ['In stock', 'success']
      return h('span', { class: `inline-flex items-center rounded-md px-2 py-1 text-xs font-medium bg-${color}/10 text-${color}` }, label)
    }
  },
})

const PackageIcon = (size: string) => h('svg', { 'class': `${size} text-dimmed`, 'viewBox': '0 0 24 24', 'aria-hidden': 'true' }, [
  h('path', { 'fill': 'none', 'stroke': 'currentColor', 'stroke-width': '2', 'd': 'M11 21.73a2 2 0 0 0 2 0l7-4A2 2 0 0 0 21 16V8a2 2 0 0 0-1-1.73l-7-4a2 2 0 0 0-2 0l-7 4A2 2 0 0 0 3 8v8a2 2 0 0 0 1 1.73zM12 22V12M3.3 7l8.7 5 8.7-5M7.5 4.27l9 5.15' }),
])

const ProductCard = defineComponent({
  props: { product: { type: Object as PropType<Product>, required: true } },
  setup(props) {
    return () => h('article', { class: 'flex h-full flex-col overflow-hidden rounded-lg bg-default ring ring-default' }, [
      h('div', { class: 'flex flex-1 flex-col gap-2 p-3 sm:p-5' }, [
        h('div', { 'class': 'flex aspect-[4/3] items-center justify-center rounded-md bg-elevated', 'aria-hidden': 'true' }, [PackageIcon('size-10')]),
        props.product.category ? h('p', { class: 'text-xs font-medium uppercase tracking-wide text-muted' }, props.product.category as string) : null,
        h('h3', { class: 'font-medium text-highlighted' }, [
          h('a', { href: `/products/${props.product.id}`, class: 'after:absolute after:inset-0 after:rounded-lg focus-visible:outline-none' }, props.product.name as string),
        ]),
        h('div', { class: 'mt-auto flex flex-wrap items-center justify-between gap-2' }, [
          h('span', { class: 'text-base font-semibold text-highlighted sm:text-lg' }, formatPrice(props.product.price)),
          h(StockBadge, { stock: props.product.stock as number }),
        ]),
      ]),
    ])
  },
})

const ProductList = defineComponent({
  props: {
    products: { type: Array as PropType<Product[]>, required: true },
    page: { type: Number, required: true },
    pages: { type: Number, required: true },
    total: { type: Number, required: true },
  },
  setup(props) {
    return () => h('main', { class: 'mx-auto max-w-7xl px-4 py-8 sm:py-12' }, [
      h('h1', { class: 'text-3xl font-bold text-highlighted' }, 'All products'),
      h('p', { class: 'text-muted' }, `${props.total} products`),
      h('ul', { class: 'grid grid-cols-2 gap-3 sm:gap-4 md:grid-cols-3 xl:grid-cols-4' }, props.products.map(product =>
        h('li', { key: product.id as string, class: 'relative' }, [h(ProductCard, { product })]),
      )),
      h('nav', { 'aria-label': 'Pages', 'class': 'mt-8 flex justify-center gap-1' }, [
        props.page > 1 ? h('a', { href: `/products?page=${props.page - 1}` }, 'Previous') : null,
        h('span', { 'aria-current': 'page' }, `Page ${props.page} of ${props.pages}`),
        props.page < props.pages ? h('a', { href: `/products?page=${props.page + 1}` }, 'Next') : null,
      ]),
    ])
  },
})

const ProductPage = defineComponent({
  props: { product: { type: Object as PropType<Product>, required: true } },
  setup(props) {
    return () => h('main', { class: 'mx-auto max-w-7xl px-4 py-8 sm:py-12' }, [
      h('nav', { 'aria-label': 'Breadcrumb', 'class': 'mb-6' }, [h('a', { href: '/products' }, 'Shop'), ' / ', props.product.name as string]),
      h('div', { class: 'grid gap-8 lg:grid-cols-2 lg:gap-12' }, [
        h('div', { 'class': 'flex aspect-square items-center justify-center rounded-xl bg-elevated', 'aria-hidden': 'true' }, [PackageIcon('size-24')]),
        h('div', { class: 'flex flex-col gap-5' }, [
          h('div', [
            h('p', { class: 'text-sm font-medium uppercase tracking-wide text-muted' }, props.product.category as string),
            h('h1', { class: 'mt-1 text-3xl font-bold tracking-tight text-highlighted sm:text-4xl' }, props.product.name as string),
          ]),
          h('div', { class: 'flex items-center gap-3' }, [
            h('p', { class: 'text-2xl font-semibold text-highlighted' }, formatPrice(props.product.price)),
            h(StockBadge, { stock: props.product.stock as number }),
          ]),
          h('p', { class: 'whitespace-pre-line text-default' }, props.product.description as string),
          h('form', { class: 'flex flex-wrap items-end gap-3' }, [
            h('label', ['Quantity ', h('input', { type: 'number', name: 'quantity', value: 1, min: 1, max: props.product.stock as number })]),
            h('button', { type: 'submit' }, 'Add to cart'),
          ]),
          h('p', { class: 'text-xs text-muted' }, `SKU ${props.product.sku}`),
        ]),
      ]),
    ])
  },
})

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`)

function sendHtml(res: ServerResponse, status: number, title: string, body: string) {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Comptoir</title></head><body><div id="__nuxt">${body}</div></body></html>`
  res.writeHead(status, { 'content-type': 'text/html;charset=utf-8', 'content-length': Buffer.byteLength(html) })
  res.end(html)
}

const server = createServer((req, res) => {
  const url = new URL(req.url!, 'http://localhost')
  const detail = /^\/products\/([^/]+)$/.exec(url.pathname)
  const rendering = url.pathname === '/products'
    ? productPage(db, { ...pageQuery(url.searchParams, PAGE_SIZE), limit: PAGE_SIZE }).then(async (page) => {
        const app = createSSRApp(ProductList, { products: page.data, page: page.page, pages: Math.max(1, Math.ceil(page.total / PAGE_SIZE)), total: page.total })
        sendHtml(res, 200, 'All products', await renderToString(app))
      })
    : detail && isUuid(detail[1]!)
      ? productById(db, detail[1]!).then(async (product) => {
          if (!product) return sendHtml(res, 404, 'Not found', '<h1>Product not found</h1>')
          sendHtml(res, 200, product.name as string, await renderToString(createSSRApp(ProductPage, { product })))
        })
      : Promise.resolve(sendHtml(res, 404, 'Not found', '<h1>Page not found</h1>'))
  rendering.catch((error: Error) => sendHtml(res, 500, 'Error', escapeHtml(error.message)))
})
server.listen(Number(process.env.PORT), '127.0.0.1')
process.once('SIGTERM', () => process.exit(0))
