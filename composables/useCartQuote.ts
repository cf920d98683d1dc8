import type { CartLineJson } from '#shared/types/api'
import { amountToCents, centsToAmount } from '#shared/utils/money'
import { taxOrder, vatRateToBp } from '#shared/utils/vat'

/** The cart's lines with live prices and stock, refreshed whenever the cart changes. */
export function useCartQuote() {
  const cart = useCartStore()
  const { data, status, error, refresh } = useAsyncData<CartLineJson[]>('cart-quote', () => cart.quote(), {
    watch: [() => cart.lines],
    default: () => [],
  })
  /** What the order will come to, worked out as the server will (in cents, the VAT per line). */
  const totals = computed(() => taxOrder((data.value ?? []).flatMap(({ product, quantity }) =>
    product ? [{ unitGrossCents: amountToCents(product.price), quantity, rateBp: vatRateToBp(product.vat_rate)! }] : [])))
  const subtotal = computed(() => centsToAmount(totals.value.grossCents))
  /** The VAT included in `subtotal`. */
  const vat = computed(() => centsToAmount(totals.value.vatCents))
  const problems = computed(() => (data.value ?? []).filter(line => !line.product || line.product.stock < line.quantity))
  return { lines: data, status, error, refresh, subtotal, vat, problems }
}
