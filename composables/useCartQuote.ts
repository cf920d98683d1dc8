import type { CartLineJson } from '#shared/types/api'
import { amountToCents, centsToAmount } from '#shared/utils/money'
import { taxOrder, vatRateToBp } from '#shared/utils/vat'

/**
 * The cart's lines with live prices and stock, refreshed whenever the cart changes, and what
 * the order comes to with `shippingCents` of delivery and `discountCents` off the goods (VAT included).
 */
export function useCartQuote(shippingCents: MaybeRefOrGetter<number> = 0, discountCents: MaybeRefOrGetter<number> = 0) {
  const cart = useCartStore()
  const { data, status, error, refresh } = useAsyncData<CartLineJson[]>('cart-quote', () => cart.quote(), {
    watch: [() => cart.lines],
    default: () => [],
  })
  /** What the order will come to, worked out as the server will (in cents, the VAT per line). */
  const totals = computed(() => taxOrder((data.value ?? []).flatMap(({ product, quantity }) =>
    product ? [{ unitGrossCents: amountToCents(product.price), quantity, rateBp: vatRateToBp(product.vat_rate)! }] : []), { shippingGrossCents: toValue(shippingCents), discountCents: toValue(discountCents) }))
  /** The goods alone, before a discount. */
  const subtotal = computed(() => centsToAmount(totals.value.goods.grossCents + totals.value.discountCents))
  /** Goods and delivery. */
  const total = computed(() => centsToAmount(totals.value.grossCents))
  /** The VAT included in `total`. */
  const vat = computed(() => centsToAmount(totals.value.vatCents))
  const items = computed(() => (data.value ?? []).map(line => ({ product_id: line.product_id, quantity: line.quantity })))
  const problems = computed(() => (data.value ?? []).filter(line => !line.product || line.product.stock < line.quantity))
  return { lines: data, items, status, error, refresh, subtotal, total, vat, problems }
}
