/** Money is integer cents everywhere but at the edges: JSON carries amounts like 19.99. */
export function centsToAmount(cents: number): number {
  return cents / 100
}

/** Exact for amounts with at most two decimals (validated before this is called). */
export function amountToCents(amount: number): number {
  return Math.round(amount * 100)
}

export const SHOP_CURRENCY = 'EUR'

const priceFormat = new Intl.NumberFormat('en-IE', { style: 'currency', currency: SHOP_CURRENCY })

export function formatPrice(amount: number): string {
  return priceFormat.format(amount)
}
