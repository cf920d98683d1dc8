import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { netOfGross, taxLine, taxOrder, VAT_RATES_BP, vatRateToBp } from '#shared/utils/vat'

const rate = fc.constantFrom(...VAT_RATES_BP)
/** A line as the shop takes it: up to 9,999,999.99 a unit (the schema's ceiling), 1 to 1,000 units. */
const line = fc.record({ unitGrossCents: fc.integer({ min: 0, max: 999_999_999 }), quantity: fc.integer({ min: 1, max: 1000 }), rateBp: rate })
const order = fc.array(line, { minLength: 1, maxLength: 50 })

describe('VAT worked out of prices that include it', () => {
  it('gives the net and VAT of the rounding rule on known amounts', () => {
    // 12.90 at 5.5 %: 1290 × 10000 / 10550 = 1222.75… → 12.23 net, 0.67 VAT.
    expect(taxLine(1290, 1, 550)).toEqual({ grossCents: 1290, netCents: 1223, vatCents: 67 })
    // 3 × 0.05 at 20 %: 15 / 1.2 = 12.5 → half up to 13 net, 2 VAT (per line, not per unit: 3 × 4 + 3 would be 15 with 3 of VAT).
    expect(taxLine(5, 3, 2000)).toEqual({ grossCents: 15, netCents: 13, vatCents: 2 })
    expect(taxLine(0, 4, 1000)).toEqual({ grossCents: 0, netCents: 0, vatCents: 0 })
    expect(netOfGross(1, 2000)).toBe(1)
  })

  it('keeps every line whole: net + VAT = gross, both never negative, the VAT within half a cent of the exact one', () => {
    fc.assert(fc.property(line, ({ unitGrossCents, quantity, rateBp }) => {
      const { grossCents, netCents, vatCents } = taxLine(unitGrossCents, quantity, rateBp)
      expect(grossCents).toBe(unitGrossCents * quantity)
      expect(netCents + vatCents).toBe(grossCents)
      expect(netCents).toBeGreaterThanOrEqual(0)
      expect(vatCents).toBeGreaterThanOrEqual(0)
      const exactVat = grossCents * rateBp / (10_000 + rateBp)
      expect(Math.abs(vatCents - exactVat)).toBeLessThanOrEqual(0.5)
    }))
  })

  it('adds an order up to the cent: per rate and in total, net + VAT = gross = the sum of the lines', () => {
    fc.assert(fc.property(order, (lines) => {
      const totals = taxOrder(lines)
      // Each line taxed on its own, in the order given.
      expect(totals.lines).toEqual(lines.map(l => ({ ...taxLine(l.unitGrossCents, l.quantity, l.rateBp), rateBp: l.rateBp })))
      expect(totals.grossCents).toBe(lines.reduce((sum, l) => sum + l.unitGrossCents * l.quantity, 0))
      expect(totals.netCents + totals.vatCents).toBe(totals.grossCents)
      for (const rate of totals.byRate) expect(rate.netCents + rate.vatCents).toBe(rate.grossCents)
      expect(totals.byRate.reduce((sum, r) => sum + r.vatCents, 0)).toBe(totals.vatCents)
      expect(totals.byRate.reduce((sum, r) => sum + r.netCents, 0)).toBe(totals.netCents)
      expect(new Set(totals.byRate.map(r => r.rateBp)).size).toBe(totals.byRate.length)
      expect(totals.byRate.map(r => r.rateBp)).toEqual([...totals.byRate.map(r => r.rateBp)].sort((a, b) => b - a))
    }))
  })

  it('reads a rate written in per cent, and only the shop\'s rates', () => {
    expect(vatRateToBp(5.5)).toBe(550)
    expect(vatRateToBp(20)).toBe(2000)
    expect(vatRateToBp(2.1)).toBe(210)
    expect(vatRateToBp(19.6)).toBeUndefined()
    expect(vatRateToBp(0)).toBeUndefined()
  })
})
