import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ProductListQuery } from '../../shared/schemas/products'
import { escapeLike } from '../../server/services/products'
import { amountToCents, centsToAmount, formatPrice } from '../../shared/utils/money'
import { toPage } from '../../shared/utils/pagination'

describe('ProductListQuery', () => {
  it('defaults to the first page of 20, newest first', () => {
    expect(v.parse(ProductListQuery, {})).toEqual({ page: 1, limit: 20, sort_by: 'created_at', in_stock_only: false, include_inactive: false })
    expect(v.parse(ProductListQuery, { is_active: 'false' }).is_active).toBe(false)
  })

  it('clamps the limit instead of refusing it', () => {
    expect(v.parse(ProductListQuery, { limit: '1000' }).limit).toBe(100)
  })

  it('reads prices as exact cents', () => {
    expect(v.parse(ProductListQuery, { min_price: '0.29', max_price: '19.99' })).toMatchObject({ min_price: 29, max_price: 1999 })
    expect(v.safeParse(ProductListQuery, { min_price: '1.999' }).success).toBe(false)
    expect(v.safeParse(ProductListQuery, { min_price: '-1' }).success).toBe(false)
  })
})

describe('escapeLike', () => {
  it('makes LIKE wildcards literal', () => {
    expect(escapeLike('70%_off\\')).toBe('70\\%\\_off\\\\')
  })
})

describe('money', () => {
  it('round-trips cents through amounts exactly', () => {
    for (let cents = 0; cents < 100_000; cents += 7) {
      expect(amountToCents(centsToAmount(cents))).toBe(cents)
      expect(String(centsToAmount(cents))).toMatch(/^\d+(?:\.\d{1,2})?$/)
    }
  })

  it('formats euros', () => {
    expect(formatPrice(1234.5)).toBe('€1,234.50')
  })
})

describe('toPage', () => {
  it('says whether another page follows', () => {
    expect(toPage([1, 2], 5, 2, 2)).toEqual({ data: [1, 2], total: 5, page: 2, limit: 2, has_next: true })
    expect(toPage([5], 5, 3, 2).has_next).toBe(false)
  })
})
