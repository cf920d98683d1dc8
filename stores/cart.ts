import type { CartLineJson, ProductJson } from '#shared/types/api'

export interface CartLine {
  product_id: string
  quantity: number
  /** The price seen when the line was added. */
  price?: number
}

const MAX_LINES = 50
const MAX_QUANTITY = 1000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The cookie spells each line `id:quantity[:price]`, lines joined by `|`: a full cart of 50
 * lines takes about 2.5 kB, where JSON, percent-encoded, passed the 4 kB a browser keeps for
 * a cookie at about 35 lines and the cart was silently lost.
 */
function encodeCart(lines: CartLine[]): string {
  return lines.map(line => [line.product_id, line.quantity, ...(line.price === undefined ? [] : [line.price])].join(':')).join('|')
}

/** Also reads the JSON that carts were kept in before. */
function decodeCart(raw: string): unknown {
  const text = decodeURIComponent(raw)
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text)
    }
    catch {
      return []
    }
  }
  return text.split('|').map((part) => {
    const [productId, quantity, price] = part.split(':')
    return { product_id: productId, quantity: Number(quantity), ...(price === undefined ? {} : { price: Number(price) }) }
  })
}

/** Whatever the cookie holds (it is the visitor's to edit), only well-formed lines count. */
function sanitize(value: unknown): CartLine[] {
  if (!Array.isArray(value)) return []
  const seen = new Set<string>()
  return value
    .filter((line): line is CartLine => typeof line?.product_id === 'string' && UUID.test(line.product_id)
      && Number.isInteger(line.quantity) && line.quantity > 0 && !seen.has(line.product_id) && Boolean(seen.add(line.product_id)))
    .slice(0, MAX_LINES)
    .map(line => ({
      product_id: line.product_id,
      quantity: Math.min(line.quantity, MAX_QUANTITY),
      ...(typeof line.price === 'number' && line.price >= 0 ? { price: line.price } : {}),
    }))
}

/**
 * The cart: product ids, quantities and the price seen, kept in a cookie so that the
 * server renders the badge on the first paint and guests keep their cart. A signed-in
 * customer's cart is also saved on the server, so it follows them to other devices; a
 * guest cart is merged into it on sign-in. Prices and stock are always read fresh from
 * the server, and nothing here is trusted at checkout.
 */
export const useCartStore = defineStore('cart', () => {
  // No default: a visitor with an empty cart gets no cookie at all, so their pages stay cacheable.
  const cookie = useCookie<unknown>('comptoir_cart', { maxAge: 60 * 60 * 24 * 30, sameSite: 'lax', path: '/', encode: value => encodeCart(value as CartLine[]), decode: decodeCart })
  const lines = computed(() => sanitize(cookie.value))
  const count = computed(() => lines.value.reduce((total, line) => total + line.quantity, 0))
  const { $api } = useNuxtApp()
  const auth = useAuthStore()

  function quantityOf(productId: string) {
    return lines.value.find(line => line.product_id === productId)?.quantity ?? 0
  }

  /** An empty cart removes the cookie. */
  function store(next: CartLine[]) {
    cookie.value = next.length ? next : null
  }

  async function save(next: CartLine[]) {
    store(next)
    if (auth.isAuthenticated) await $api('/api/cart', { method: 'PUT', body: { items: next } })
  }

  /** Whether a product not yet in the cart can no longer join it. */
  const isFull = computed(() => lines.value.length >= MAX_LINES)

  /** Adds up to what is in stock (nothing to a full cart); returns the quantity now in the cart. */
  async function add(product: ProductJson, quantity: number) {
    const wanted = Math.min(quantityOf(product.id) + quantity, product.stock, MAX_QUANTITY)
    await setQuantity(product.id, wanted, product.price)
    return quantityOf(product.id)
  }

  /** Sets a line's quantity (at most 1000; 0 removes it). A full cart takes no new line. */
  async function setQuantity(productId: string, wanted: number, price?: number) {
    const current = lines.value.find(line => line.product_id === productId)
    if (!current && isFull.value) return
    const quantity = Math.min(wanted, MAX_QUANTITY)
    const line = { product_id: productId, quantity, ...(current?.price !== undefined ? { price: current.price } : price !== undefined ? { price } : {}) }
    await save(quantity > 0
      ? (current ? lines.value.map(l => (l.product_id === productId ? line : l)) : [...lines.value, line])
      : lines.value.filter(l => l.product_id !== productId))
  }

  /** The lines with live prices and stock. */
  async function quote(): Promise<CartLineJson[]> {
    if (lines.value.length === 0) return []
    return (await $api('/api/cart/quote', { method: 'POST', body: { items: lines.value } })).data
  }

  /**
   * On sign-in: the account's saved cart and this device's guest cart become one
   * (quantities added, each capped by the stock), saved on both sides.
   */
  async function mergeIntoAccount() {
    const saved = (await $api('/api/cart')).data
    const merged = new Map<string, CartLine & { stock: number }>()
    for (const line of saved) {
      if (line.product) merged.set(line.product_id, { product_id: line.product_id, quantity: line.quantity, price: line.added_price ?? line.product.price, stock: line.product.stock })
    }
    const guest = lines.value.filter(line => line.product_id)
    const quoted = guest.length ? (await $api('/api/cart/quote', { method: 'POST', body: { items: guest } })).data : []
    for (const line of quoted) {
      if (!line.product) continue
      const before = merged.get(line.product_id)
      merged.set(line.product_id, {
        product_id: line.product_id,
        quantity: (before?.quantity ?? 0) + line.quantity,
        price: before?.price ?? line.added_price ?? line.product.price,
        stock: line.product.stock,
      })
    }
    const next = [...merged.values()]
      .map(({ stock, ...line }) => ({ ...line, quantity: Math.min(line.quantity, stock, MAX_QUANTITY) }))
      .filter(line => line.quantity > 0)
    await save(next)
  }

  /** During SSR for a signed-in visitor: the cart saved on the account is the cart. */
  function adoptSaved(saved: CartLineJson[]) {
    store(saved.map(line => ({ product_id: line.product_id, quantity: line.quantity, ...(line.added_price !== null ? { price: line.added_price } : {}) })))
  }

  /** After an order: the cart, on this device and on the account, is empty. */
  async function clear() {
    await save([])
  }

  /** Signing out leaves no trace of the account's cart on this device. */
  function forget() {
    store([])
  }

  return { lines, count, isFull, quantityOf, add, setQuantity, quote, mergeIntoAccount, adoptSaved, clear, forget }
})
