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

/** An order's lines, each taxed by the rule (in the order given), and its totals per rate and in all. */
export function taxOrder(lines: PricedLine[]) {
  const taxed = lines.map(line => ({ ...taxLine(line.unitGrossCents, line.quantity, line.rateBp), rateBp: line.rateBp }))
  return { lines: taxed, ...taxTotals(taxed) }
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

/** A rate as the pages show it: `5.5%`. */
export function formatVatRate(rate: number): string {
  return `${rate}%`
}
