import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { discountOf, netOfGross, splitProRata, taxLine, taxOrder, VAT_RATES_BP, vatRateToBp } from '#shared/utils/vat'

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
      expect(totals.lines).toEqual(lines.map(l => ({ ...taxLine(l.unitGrossCents, l.quantity, l.rateBp), rateBp: l.rateBp, discountCents: 0 })))
      expect(totals.grossCents).toBe(lines.reduce((sum, l) => sum + l.unitGrossCents * l.quantity, 0))
      expect(totals.netCents + totals.vatCents).toBe(totals.grossCents)
      for (const rate of totals.byRate) expect(rate.netCents + rate.vatCents).toBe(rate.grossCents)
      expect(totals.byRate.reduce((sum, r) => sum + r.vatCents, 0)).toBe(totals.vatCents)
      expect(totals.byRate.reduce((sum, r) => sum + r.netCents, 0)).toBe(totals.netCents)
      expect(new Set(totals.byRate.map(r => r.rateBp)).size).toBe(totals.byRate.length)
      expect(totals.byRate.map(r => r.rateBp)).toEqual([...totals.byRate.map(r => r.rateBp)].sort((a, b) => b - a))
    }))
  })

  it('splits an amount pro rata in whole cents that add up to it, each share within a cent of the exact one', () => {
    expect(splitProRata(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(splitProRata(490, [3870, 3990])).toEqual([241, 249])
    expect(splitProRata(7, [0, 0])).toEqual([7, 0])
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 999_999_999_000 }), { minLength: 1, maxLength: 4 }), (amount, weights) => {
      const shares = splitProRata(amount, weights)
      expect(shares.reduce((sum, share) => sum + share, 0)).toBe(amount)
      const total = weights.reduce((sum, weight) => sum + weight, 0)
      if (total > 0) shares.forEach((share, index) => expect(Math.abs(share - amount * weights[index]! / total)).toBeLessThan(1))
    }))
  })

  it('taxes delivery as what it delivers: split between the goods\' rates pro rata, and the order still adds up to the cent', () => {
    // €4.90 on 38.70 at 5.5 % and 39.90 at 20 %: 2.41 at 5.5 %, 2.49 at 20 %.
    const mixed = taxOrder([{ unitGrossCents: 1290, quantity: 3, rateBp: 550 }, { unitGrossCents: 3990, quantity: 1, rateBp: 2000 }], { shippingGrossCents: 490 })
    expect(mixed.shipping.byRate).toEqual([{ rateBp: 2000, ...taxLine(249, 1, 2000) }, { rateBp: 550, ...taxLine(241, 1, 550) }])
    expect(mixed.grossCents).toBe(3870 + 3990 + 490)
    // Nothing to weigh it by (free goods): the standard rate.
    expect(taxOrder([{ unitGrossCents: 0, quantity: 1, rateBp: 550 }], { shippingGrossCents: 600 }).shipping.byRate.map(r => r.rateBp)).toEqual([2000])
    fc.assert(fc.property(order, fc.integer({ min: 0, max: 100_000 }), (lines, shippingGrossCents) => {
      const totals = taxOrder(lines, { shippingGrossCents })
      expect(totals.shipping.grossCents).toBe(shippingGrossCents)
      expect(totals.shipping.netCents + totals.shipping.vatCents).toBe(shippingGrossCents)
      expect(totals.grossCents).toBe(totals.goods.grossCents + shippingGrossCents)
      expect(totals.netCents + totals.vatCents).toBe(totals.grossCents)
      expect(totals.netCents).toBe(totals.goods.netCents + totals.shipping.netCents)
      for (const rate of totals.byRate) expect(rate.netCents + rate.vatCents).toBe(rate.grossCents)
      // Delivery goes only to rates the goods carry (or the standard one when they weigh nothing).
      const goodsRates = totals.goods.byRate.filter(r => r.grossCents > 0).map(r => r.rateBp)
      for (const part of totals.shipping.byRate) expect(goodsRates.length ? goodsRates : [2000]).toContain(part.rateBp)
    }))
  })

  it('takes a discount off the goods before VAT: shared between the lines pro rata, each taxed on what it costs after it', () => {
    // 10 % of 78.60: 7.86, shared 3.87 (of 38.70 at 5.5 %) and 3.99 (of 39.90 at 20 %).
    const lines = [{ unitGrossCents: 1290, quantity: 3, rateBp: 550 }, { unitGrossCents: 3990, quantity: 1, rateBp: 2000 }]
    expect(discountOf({ percentBp: 1000, amountCents: null }, 7860)).toBe(786)
    const discounted = taxOrder(lines, { discountCents: 786 })
    expect(discounted.lines).toEqual([{ rateBp: 550, discountCents: 387, ...taxLine(3483, 1, 550) }, { rateBp: 2000, discountCents: 399, ...taxLine(3591, 1, 2000) }])
    expect(discounted.grossCents).toBe(7860 - 786)
    // A fixed amount larger than the goods takes them to nothing, never below.
    expect(discountOf({ percentBp: null, amountCents: 10_000 }, 7860)).toBe(7860)
    expect(taxOrder(lines, { discountCents: 10_000 }).goods).toMatchObject({ grossCents: 0, netCents: 0, vatCents: 0 })
    fc.assert(fc.property(order, fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100_000 }), (lines, discountCents, shippingGrossCents) => {
      const full = lines.reduce((sum, l) => sum + l.unitGrossCents * l.quantity, 0)
      const totals = taxOrder(lines, { discountCents, shippingGrossCents })
      expect(totals.discountCents).toBe(Math.min(discountCents, full))
      expect(totals.goods.grossCents).toBe(full - totals.discountCents)
      expect(totals.grossCents).toBe(full - totals.discountCents + shippingGrossCents)
      expect(totals.netCents + totals.vatCents).toBe(totals.grossCents)
      totals.lines.forEach((line, index) => {
        expect(line.grossCents + line.discountCents).toBe(lines[index]!.unitGrossCents * lines[index]!.quantity)
        expect(line.grossCents).toBeGreaterThanOrEqual(0)
        expect(line.netCents + line.vatCents).toBe(line.grossCents)
      })
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
