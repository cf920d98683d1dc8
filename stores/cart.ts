export interface CartLine {
  product_id: string
  quantity: number
}

const MAX_LINES = 50
const MAX_QUANTITY = 1000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whatever the cookie holds (it is the visitor's to edit), only well-formed lines count. */
function sanitize(value: unknown): CartLine[] {
  if (!Array.isArray(value)) return []
  return value
    .filter((line): line is CartLine => typeof line?.product_id === 'string' && UUID.test(line.product_id)
      && Number.isInteger(line.quantity) && line.quantity > 0)
    .slice(0, MAX_LINES)
    .map(line => ({ product_id: line.product_id, quantity: Math.min(line.quantity, MAX_QUANTITY) }))
}

/**
 * The cart: product ids and quantities, kept in a cookie so that the server renders the
 * cart badge on the first paint and guests keep their cart. Prices and stock are always
 * read fresh from the server; nothing here is trusted at checkout.
 */
export const useCartStore = defineStore('cart', () => {
  const cookie = useCookie<CartLine[]>('comptoir_cart', { default: () => [], maxAge: 60 * 60 * 24 * 30, sameSite: 'lax', path: '/' })
  const lines = computed(() => sanitize(cookie.value))
  const count = computed(() => lines.value.reduce((total, line) => total + line.quantity, 0))

  function quantityOf(productId: string) {
    return lines.value.find(line => line.product_id === productId)?.quantity ?? 0
  }

  /** Adds up to what is in stock; returns the quantity now in the cart. */
  function add(productId: string, quantity: number, stock: number) {
    const wanted = Math.min(quantityOf(productId) + quantity, stock, MAX_QUANTITY)
    return setQuantity(productId, wanted)
  }

  function setQuantity(productId: string, quantity: number) {
    const others = lines.value.filter(line => line.product_id !== productId)
    cookie.value = quantity > 0 ? [...others, { product_id: productId, quantity }] : others
    return quantity
  }

  return { lines, count, quantityOf, add, setQuantity }
})
