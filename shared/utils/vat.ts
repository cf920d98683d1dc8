import { DEFAULT_LOCALE, formatPercent, type ShopLocale } from './locale.ts'
/**
 * VAT, French style: prices are entered and shown including VAT, and the net amount and
 * the VAT are worked out from them. Rates are kept in basis points (5.5 % = 550) so that
 * all arithmetic stays in integers.
 *
 * The rounding rule, per line: a line's gross is its unit price times its quantity; its
 * net is gross × 10000 / (10000 + rate), rounded to the nearest cent (half up); its VAT is
 * gross − net. An order's figures are the sums of its lines', grouped by rate: so net +
 * VAT = gross on every line, every rate and the whole order, to the cent, by construction.
 */

/**
 * The French rates a product can carry, in per cent as the API and the pages write them:
 * standard, intermediate, reduced (food: coffee and tea), special. The products table's
 * check constraint lists the same ones, in basis points.
 */
export const VAT_RATES = [20, 10, 5.5, 2.1] as const
export type VatRate = typeof VAT_RATES[number]
export const DEFAULT_VAT_RATE: VatRate = 20
export const VAT_RATES_BP = VAT_RATES.map(rate => Math.round(rate * 100))

/** 5.5 → 550; undefined for a rate the shop does not use. */
export function vatRateToBp(percent: number): number | undefined {
  return VAT_RATES_BP.find(bp => bp === Math.round(percent * 100))
}

export function vatRateFromBp(bp: number): number {
  return bp / 100
}

export interface TaxedAmount {
  grossCents: number
  netCents: number
  vatCents: number
}

/** The net part of a gross amount at `rateBp`, to the nearest cent, half up. */
export function netOfGross(grossCents: number, rateBp: number): number {
  const divisor = BigInt(10_000 + rateBp)
  // round(gross × 10000 / divisor) in integers, floor((2 × gross × 10000 + divisor) / (2 × divisor)):
  // in BigInt, as a line of 1,000 units at the highest price passes 2^53 once multiplied.
  return Number((2n * BigInt(grossCents) * 10_000n + divisor) / (2n * divisor))
}

/** One order line: `quantity` units at `unitGrossCents`, VAT included, at `rateBp`. */
export function taxLine(unitGrossCents: number, quantity: number, rateBp: number): TaxedAmount {
  const grossCents = unitGrossCents * quantity
  const netCents = netOfGross(grossCents, rateBp)
  return { grossCents, netCents, vatCents: grossCents - netCents }
}

export interface VatBreakdown extends TaxedAmount {
  rateBp: number
}

export interface PricedLine {
  /** VAT included. */
  unitGrossCents: number
  quantity: number
  rateBp: number
}

/**
 * Splits `amount` cents in proportion to `weights`, in whole cents that add up to it: each
 * share rounded down, the cents left over given to the largest remainders (ties: first).
 */
export function splitProRata(amount: number, weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  if (total <= 0) return weights.map((_, index) => index === 0 ? amount : 0)
  const exact = weights.map(weight => BigInt(amount) * BigInt(weight))
  const shares = exact.map(value => Number(value / BigInt(total)))
  let left = amount - shares.reduce((sum, share) => sum + share, 0)
  const byRemainder = exact.map((value, index) => ({ index, remainder: value % BigInt(total) }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
  for (const { index } of byRemainder) {
    if (left-- <= 0) break
    shares[index]! += 1
  }
  return shares
}

/**
 * Delivery is taxed as what it delivers (in France it follows the goods' rate): its price
 * is split between the order's rates in proportion to each rate's share of the goods
 * (`splitProRata`), and each part is taxed by the same rule as a line. An order with no
 * goods to weigh it by is delivered at the standard rate.
 */
export function taxShipping(shippingGrossCents: number, goods: VatBreakdown[]): VatBreakdown[] {
  if (shippingGrossCents === 0) return []
  const rates = goods.filter(rate => rate.grossCents > 0)
  if (rates.length === 0) return [{ rateBp: DEFAULT_VAT_RATE * 100, ...taxLine(shippingGrossCents, 1, DEFAULT_VAT_RATE * 100) }]
  return splitProRata(shippingGrossCents, rates.map(rate => rate.grossCents))
    .map((grossCents, index) => ({ rateBp: rates[index]!.rateBp, ...taxLine(grossCents, 1, rates[index]!.rateBp) }))
    .filter(part => part.grossCents > 0)
}

/**
 * An order's lines, each taxed by the rule (in the order given), its delivery taxed as what
 * it delivers, and its totals per rate and in all (goods and delivery together).
 *
 * A discount (`discountCents`, VAT included, at most the goods' worth) comes off the goods
 * before VAT, as the law wants the VAT charged on the price actually paid: it is shared
 * between the lines in proportion to their gross (`splitProRata`), and each line is taxed on
 * what is left of it. The delivery is not discounted.
 */
export function taxOrder(lines: PricedLine[], { shippingGrossCents = 0, discountCents = 0 }: { shippingGrossCents?: number, discountCents?: number } = {}) {
  const fullGross = lines.map(line => line.unitGrossCents * line.quantity)
  const shares = splitProRata(Math.min(discountCents, fullGross.reduce((sum, gross) => sum + gross, 0)), fullGross)
  const taxed = lines.map((line, index) => {
    const grossCents = fullGross[index]! - shares[index]!
    const netCents = netOfGross(grossCents, line.rateBp)
    return { grossCents, netCents, vatCents: grossCents - netCents, rateBp: line.rateBp, discountCents: shares[index]! }
  })
  const goods = taxTotals(taxed)
  const shippingParts = taxShipping(shippingGrossCents, goods.byRate)
  const shipping = { ...taxTotals(shippingParts), grossCents: shippingGrossCents }
  return { lines: taxed, goods, shipping, discountCents: shares.reduce((sum, share) => sum + share, 0), ...taxTotals([...taxed, ...shippingParts]) }
}

/** A discount code's worth on goods of `goodsGrossCents`: a percentage (basis points, rounded half up) or a fixed amount, never more than the goods. */
export function discountOf(terms: { percentBp: number | null, amountCents: number | null }, goodsGrossCents: number) {
  const worth = terms.percentBp !== null
    ? Number((2n * BigInt(goodsGrossCents) * BigInt(terms.percentBp) + 10_000n) / 20_000n)
    : terms.amountCents ?? 0
  return Math.min(worth, goodsGrossCents)
}

/** An order's totals and its figures per rate (highest rate first), summed from its lines. */
export function taxTotals(lines: (TaxedAmount & { rateBp: number })[]): TaxedAmount & { byRate: VatBreakdown[] } {
  const byRate = new Map<number, VatBreakdown>()
  for (const line of lines) {
    const rate = byRate.get(line.rateBp) ?? { rateBp: line.rateBp, grossCents: 0, netCents: 0, vatCents: 0 }
    rate.grossCents += line.grossCents
    rate.netCents += line.netCents
    rate.vatCents += line.vatCents
    byRate.set(line.rateBp, rate)
  }
  const rates = [...byRate.values()].sort((a, b) => b.rateBp - a.rateBp)
  return {
    grossCents: rates.reduce((sum, rate) => sum + rate.grossCents, 0),
    netCents: rates.reduce((sum, rate) => sum + rate.netCents, 0),
    vatCents: rates.reduce((sum, rate) => sum + rate.vatCents, 0),
    byRate: rates,
  }
}

/** A rate as the pages show it: `5.5%` in English, `5,5 %` in French. */
export function formatVatRate(rate: number, locale: ShopLocale = DEFAULT_LOCALE): string {
  return formatPercent(rate, locale)
}
