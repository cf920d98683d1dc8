import type { CartLineJson } from '#shared/types/api'

/** The cart's lines with live prices and stock, refreshed whenever the cart changes. */
export function useCartQuote() {
  const cart = useCartStore()
  const { data, status, error, refresh } = useAsyncData<CartLineJson[]>('cart-quote', () => cart.quote(), {
    watch: [() => cart.lines],
    default: () => [],
  })
  const subtotal = computed(() => (data.value ?? []).reduce((total, line) => total + (line.product ? line.product.price * line.quantity : 0), 0))
  const problems = computed(() => (data.value ?? []).filter(line => !line.product || line.product.stock < line.quantity))
  return { lines: data, status, error, refresh, subtotal, problems }
}
