/** One price of a shipping method: parcels up to `up_to_grams` (null: any weight) cost `price_cents`, VAT included. */
export interface ShippingRate {
  up_to_grams: number | null
  price_cents: number
}

export interface ShippingTerms {
  rates: ShippingRate[]
  freeOverCents: number | null
}

/**
 * What a method charges for a parcel of `weightGrams` on goods worth `goodsGrossCents`
 * (VAT included): nothing from its free-shipping threshold, otherwise the first rate whose
 * weight limit the parcel is within (rates by increasing limit; no limit last). Undefined
 * when the parcel is heavier than every rate allows.
 */
export function shippingPrice(terms: ShippingTerms, weightGrams: number, goodsGrossCents: number): number | undefined {
  const rate = [...terms.rates]
    .sort((a, b) => (a.up_to_grams ?? Infinity) - (b.up_to_grams ?? Infinity))
    .find(candidate => candidate.up_to_grams === null || weightGrams <= candidate.up_to_grams)
  if (!rate) return undefined
  if (terms.freeOverCents !== null && goodsGrossCents >= terms.freeOverCents) return 0
  return rate.price_cents
}
