/**
 * The storefront's markup as the bare baselines draw it (bench/baselines/ssr.ts with Vue's
 * renderToString, bench/baselines/nuxt-floor with Nuxt): the layout (header with brand,
 * search form, shop link, cart badge and account link; footer), a product grid (cards with
 * image placeholder, category, name, price and stock badge, then pagination links) and a
 * product page (breadcrumb, quantity picker, add to cart), with the shop's own class lists.
 */
import { defineComponent, h } from 'vue'
import type { PropType } from 'vue'
import { formatPrice } from '../../shared/utils/money.ts'
import { badgeClass, buttonClass, containerClass, inputClass, linkClass } from '../../utils/classes.ts'
import type { BareProduct as Product } from './database.ts'

const StockBadge = defineComponent({
  props: { stock: { type: Number, required: true } },
  setup(props) {
    return () => {
      const [label, color] = props.stock === 0 ? ['Out of stock', 'error'] : props.stock <= 5 ? [`Only ${props.stock} left`, 'warning'] : ['In stock', 'success']
      return h('span', { class: badgeClass[color as keyof typeof badgeClass] }, label)
    }
  },
})

const icon = (name: string, size = 'size-5') => h('span', { 'class': `icon-[lucide--${name}] ${size}`, 'aria-hidden': 'true' })

export interface Visitor { username?: string, cartCount: number }

export const Layout = defineComponent({
  props: { visitor: { type: Object as PropType<Visitor>, required: true } },
  setup(props, { slots }) {
    return () => h('div', { class: 'flex min-h-dvh flex-col' }, [
      h('header', { class: 'sticky top-0 z-50 border-b border-default bg-default/75 backdrop-blur-sm' }, [
        h('div', { class: `${containerClass} flex h-(--ui-header-height) items-center justify-between gap-3` }, [
          h('a', { 'href': '/', 'class': 'shrink-0 rounded-md text-xl font-bold text-highlighted lg:flex-1', 'aria-label': 'Comptoir, home' }, [
            h('span', { class: 'flex items-center gap-2 font-semibold tracking-tight' }, [icon('coffee', 'size-6 text-primary'), 'Comptoir']),
          ]),
          h('form', { role: 'search', action: '/products', method: 'get', class: 'relative hidden w-full max-w-md lg:flex' }, [
            icon('search', 'pointer-events-none absolute top-1/2 left-2.5 size-5 -translate-y-1/2 text-dimmed'),
            h('input', { 'name': 'keyword', 'type': 'search', 'placeholder': 'Search coffee, tea, gear…', 'aria-label': 'Search products', 'class': `${inputClass} ps-9` }),
          ]),
          h('nav', { 'aria-label': 'Shop', 'class': 'flex items-center justify-end gap-1.5 lg:flex-1' }, [
            h('a', { href: '/products', class: `${buttonClass.ghost} hidden sm:inline-flex` }, 'Shop'),
            h('a', { 'href': '/cart', 'class': `${buttonClass.icon} relative`, 'aria-label': props.visitor.cartCount ? `Cart, ${props.visitor.cartCount} items` : 'Cart' }, [
              icon('shopping-bag'),
              props.visitor.cartCount ? h('span', { 'class': 'absolute -top-1 -right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-primary px-1 text-[10px] font-medium leading-none text-inverted', 'aria-hidden': 'true' }, String(props.visitor.cartCount)) : null,
            ]),
            props.visitor.username
              ? h('button', { 'type': 'button', 'class': buttonClass.ghost, 'aria-expanded': 'false' }, [icon('user-round'), h('span', { class: 'sr-only' }, 'Account menu: '), h('span', { class: 'sr-only sm:not-sr-only' }, props.visitor.username)])
              : h('a', { href: '/login', class: buttonClass.ghost }, [icon('log-in'), h('span', { class: 'sr-only sm:not-sr-only' }, 'Sign in')]),
          ]),
        ]),
        h('div', { class: 'border-t border-default px-4 py-2 lg:hidden' }, [
          h('form', { role: 'search', action: '/products', method: 'get', class: 'relative w-full' }, [
            icon('search', 'pointer-events-none absolute top-1/2 left-2.5 size-5 -translate-y-1/2 text-dimmed'),
            h('input', { 'name': 'keyword', 'type': 'search', 'placeholder': 'Search coffee, tea, gear…', 'aria-label': 'Search products', 'class': `${inputClass} ps-9` }),
          ]),
        ]),
      ]),
      h('main', { class: 'flex-1' }, slots.default?.()),
      h('footer', { class: `${containerClass} flex flex-col items-center gap-3 py-8 lg:flex-row lg:justify-between lg:py-4` }, [
        h('p', { class: 'text-sm text-muted' }, 'Comptoir · roasted weekly, shipped from Lyon'),
        h('a', { href: '/products', class: `${linkClass} text-sm` }, 'All products'),
      ]),
    ])
  },
})

const ProductCard = defineComponent({
  props: { product: { type: Object as PropType<Product>, required: true } },
  setup(props) {
    return () => h('article', { class: 'flex h-full flex-col gap-2 overflow-hidden rounded-lg bg-default p-3 ring ring-default sm:p-5' }, [
      h('div', {}, [
        h('div', { 'class': 'relative flex aspect-[4/3] items-center justify-center overflow-hidden rounded-md bg-elevated', 'aria-hidden': 'true' }, [icon('package', 'size-1/4 max-h-12 max-w-12 text-dimmed')]),
        props.product.category ? h('p', { class: 'text-xs font-medium uppercase tracking-wide text-muted' }, props.product.category) : null,
        h('h3', { class: 'font-medium text-highlighted' }, [
          h('a', { href: `/products/${props.product.id}`, class: 'after:absolute after:inset-0 after:rounded-lg focus-visible:outline-none' }, props.product.name),
        ]),
        h('div', { class: 'mt-auto flex flex-wrap items-center justify-between gap-2' }, [
          h('span', { class: 'text-base font-semibold text-highlighted sm:text-lg' }, formatPrice(props.product.price)),
          h(StockBadge, { stock: props.product.stock }),
        ]),
      ]),
    ])
  },
})

const SORTS = [['created_at:desc', 'Newest first'], ['price:asc', 'Price: low to high'], ['price:desc', 'Price: high to low'], ['name:asc', 'Name: A to Z']]

/** The catalog's filter form, as the shop renders it twice (beside the grid, and in the phone panel). */
const Filters = (prefix: string) => h('form', { 'action': '/products', 'method': 'get', 'class': 'flex flex-col gap-5', 'role': 'search', 'aria-label': 'Filter products' }, [
  h('div', { class: 'flex flex-col gap-1.5' }, [
    h('label', { for: `${prefix}-keyword`, class: 'text-sm font-medium text-default' }, 'Search'),
    h('div', { class: 'relative' }, [
      icon('search', 'pointer-events-none absolute top-1/2 left-2.5 size-5 -translate-y-1/2 text-dimmed'),
      h('input', { id: `${prefix}-keyword`, name: 'keyword', type: 'search', placeholder: 'Name contains…', class: `${inputClass} ps-9` }),
    ]),
  ]),
  h('fieldset', { class: 'flex flex-col gap-2' }, [
    h('legend', { class: 'mb-2 text-sm font-medium text-default' }, 'Price (€)'),
    h('div', { class: 'flex items-center gap-2' }, [
      h('input', { 'name': 'min_price', 'inputmode': 'decimal', 'placeholder': 'Min', 'aria-label': 'Minimum price in euros', 'class': inputClass }),
      h('span', { 'class': 'text-muted', 'aria-hidden': 'true' }, '–'),
      h('input', { 'name': 'max_price', 'inputmode': 'decimal', 'placeholder': 'Max', 'aria-label': 'Maximum price in euros', 'class': inputClass }),
    ]),
  ]),
  h('label', { class: 'flex cursor-pointer items-center gap-2 text-sm font-medium text-default' }, [
    h('span', { class: 'relative inline-flex' }, [
      h('input', { type: 'checkbox', role: 'switch', name: 'in_stock_only', value: 'true', class: 'peer absolute inset-0 size-full cursor-pointer opacity-0' }),
      h('span', { 'class': 'pointer-events-none relative inline-flex h-5 w-9 shrink-0 items-center rounded-full bg-accented peer-checked:bg-primary', 'aria-hidden': 'true' }),
    ]),
    'In stock only',
  ]),
  h('div', { class: 'flex flex-col gap-1.5' }, [
    h('label', { for: `${prefix}-sort`, class: 'text-sm font-medium text-default' }, 'Sort by'),
    h('select', { id: `${prefix}-sort`, class: inputClass }, SORTS.map(([value, label]) => h('option', { value }, label))),
  ]),
  h('button', { type: 'submit', class: `${buttonClass.outline} self-start` }, 'Apply'),
])

export const ProductList = defineComponent({
  props: {
    products: { type: Array as PropType<Product[]>, required: true },
    page: { type: Number, required: true },
    pages: { type: Number, required: true },
    total: { type: Number, required: true },
  },
  setup(props) {
    const pageLink = (n: number) => h('li', [h('a', { 'href': `/products?page=${n}`, 'aria-label': `Page ${n}`, 'aria-current': n === props.page ? 'page' : undefined, 'class': 'inline-flex min-w-8 items-center justify-center rounded-md px-2 py-1.5 text-sm font-medium' }, String(n))])
    return () => h('div', { class: `${containerClass} py-8 sm:py-12` }, [
      h('header', { class: 'mb-8 border-b border-default pb-8' }, [
        h('h1', { class: 'text-3xl font-bold text-pretty text-highlighted sm:text-4xl' }, 'All products'),
        h('p', { class: 'mt-4 text-lg text-muted' }, `${props.total} products`),
      ]),
      h('div', { class: 'grid gap-8 lg:grid-cols-[16rem_1fr]' }, [
        h('aside', { 'aria-label': 'Filters', 'class': 'hidden lg:block' }, [Filters('aside')]),
        h('button', { 'type': 'button', 'class': `${buttonClass.outline} self-start lg:hidden`, 'aria-haspopup': 'dialog' }, [icon('sliders-horizontal'), 'Filters and sort']),
        h('dialog', { 'aria-labelledby': 'filter-panel-title', 'class': 'm-0 h-dvh max-h-none w-full max-w-sm bg-default p-0 lg:hidden' }, [
          h('h2', { id: 'filter-panel-title', class: 'font-semibold text-highlighted' }, 'Filter and sort'),
          Filters('panel'),
        ]),
        h('section', { 'aria-label': 'Products' }, [
          h('ul', { class: 'grid grid-cols-2 gap-3 sm:gap-4 md:grid-cols-3 xl:grid-cols-4' }, props.products.map(product =>
            h('li', { key: product.id, class: 'relative' }, [h(ProductCard, { product })]),
          )),
          h('nav', { 'aria-label': 'Pagination', 'class': 'mt-8 flex justify-center' }, [
            h('ul', { class: 'flex flex-wrap items-center gap-1' }, [...new Set([1, props.page - 1, props.page, props.page + 1, props.pages])]
              .filter(n => n >= 1 && n <= props.pages).sort((a, b) => a - b).map(pageLink)),
          ]),
        ]),
      ]),
    ])
  },
})

export const ProductPage = defineComponent({
  props: { product: { type: Object as PropType<Product>, required: true } },
  setup(props) {
    return () => h('div', { class: `${containerClass} py-8 sm:py-12` }, [
      h('nav', { 'aria-label': 'Breadcrumb', 'class': 'mb-6' }, [
        h('ol', { class: 'flex flex-wrap items-center gap-1.5 text-sm text-muted' }, [
          h('li', [h('a', { href: '/products', class: linkClass }, 'Shop')]),
          h('li', { class: 'flex items-center gap-1.5' }, [icon('chevron-right', 'size-4'), props.product.category ?? '']),
          h('li', { class: 'flex items-center gap-1.5' }, [icon('chevron-right', 'size-4'), h('span', { 'class': 'font-medium text-highlighted', 'aria-current': 'page' }, props.product.name)]),
        ]),
      ]),
      h('div', { class: 'grid gap-8 lg:grid-cols-2 lg:gap-12' }, [
        h('div', { 'class': 'relative flex aspect-square items-center justify-center overflow-hidden rounded-xl bg-elevated', 'aria-hidden': 'true' }, [icon('package', 'size-1/4 max-h-12 max-w-12 text-dimmed')]),
        h('div', { class: 'flex flex-col gap-5' }, [
          h('div', [
            h('p', { class: 'text-sm font-medium uppercase tracking-wide text-muted' }, props.product.category ?? ''),
            h('h1', { class: 'mt-1 text-3xl font-bold tracking-tight text-highlighted sm:text-4xl' }, props.product.name),
          ]),
          h('div', { class: 'flex items-center gap-3' }, [
            h('p', { class: 'text-2xl font-semibold text-highlighted' }, formatPrice(props.product.price)),
            h(StockBadge, { stock: props.product.stock }),
          ]),
          h('p', { class: 'whitespace-pre-line text-default' }, props.product.description),
          h('form', { class: 'flex flex-wrap items-end gap-3' }, [
            h('div', { class: 'flex flex-col gap-1.5' }, [
              h('label', { for: 'quantity', class: 'text-sm font-medium text-default' }, 'Quantity'),
              h('div', { class: 'flex w-32 items-center rounded-md ring ring-inset ring-accented' }, [
                h('button', { 'type': 'button', 'aria-label': 'Decrement', 'disabled': true }, [icon('minus', 'size-4')]),
                h('input', { id: 'quantity', type: 'number', name: 'quantity', value: 1, min: 1, max: props.product.stock, class: 'w-full min-w-0 bg-transparent py-1.5 text-center text-sm' }),
                h('button', { 'type': 'button', 'aria-label': 'Increment' }, [icon('plus', 'size-4')]),
              ]),
            ]),
            h('button', { type: 'submit', class: buttonClass.primary }, [icon('shopping-bag'), 'Add to cart']),
          ]),
          h('p', { role: 'status', class: 'flex flex-wrap items-center gap-x-2 text-sm text-muted' }),
          h('p', { class: 'text-xs text-muted' }, `SKU ${props.product.sku}`),
        ]),
      ]),
    ])
  },
})

/** A visitor with a cookie is drawn signed in with a cart, as the shop draws them (no session is checked by the baselines). */
export const visitorOf = (cookie: string | undefined): Visitor => cookie ? { username: 'buyer', cartCount: 2 } : { cartCount: 0 }

/** The product's JSON-LD, as the shop's product page has it. */
export const productJsonLd = (product: Product, canonical: string) => ({
  '@context': 'https://schema.org', '@type': 'Product', 'name': product.name, 'description': product.description, 'sku': product.sku,
  'offers': { '@type': 'Offer', 'price': product.price.toFixed(2), 'priceCurrency': 'EUR', 'url': canonical },
})

export const CATALOG_DESCRIPTION = 'Coffee, tea, brewing gear and pantry treats from Comptoir.'
