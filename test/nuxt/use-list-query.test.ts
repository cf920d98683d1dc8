import type { LocationQueryRaw } from 'vue-router'
import { beforeAll, describe, expect, it } from 'vitest'
import { ProductListFilters } from '#shared/schemas/products'
import { OrderListQuery } from '#shared/schemas/orders'

/** Opens a list page at this query: a page of the test's own, with no guard and nothing to load. */
async function visit(query: LocationQueryRaw) {
  await navigateTo({ path: '/test-list', query })
}

describe('useListQuery', () => {
  beforeAll(() => {
    useRouter().addRoute({ path: '/test-list', component: { render: () => null } })
  })

  it('passes well-formed parameters on as the URL spells them', async () => {
    await visit({ page: '3', limit: '24', sort_by: 'price', order: 'desc', keyword: 'dark roast', min_price: '4.50', max_price: '20', in_stock_only: 'true' })
    const { query } = useListQuery(ProductListFilters)

    expect(query.value).toEqual({ page: '3', limit: '24', sort_by: 'price', order: 'desc', keyword: 'dark roast', min_price: '4.50', max_price: '20', in_stock_only: 'true' })
  })

  it.each([
    ['not a number', 'abc'],
    ['negative', '-1'],
    ['zero', '0'],
    ['a fraction', '2.5'],
    ['too long', '1234567890'],
  ])('does not send a page that is %s (the API then answers page 1)', async (_, value) => {
    await visit({ page: value })

    expect(useListQuery(ProductListFilters).query.value).toEqual({})
  })

  it('drops values the API would refuse, keeping the others', async () => {
    await visit({
      page: '2',
      sort_by: 'colour',
      order: 'sideways',
      min_price: '4.999',
      max_price: 'cheap',
      in_stock_only: 'yes',
      keyword: 'x'.repeat(101),
      limit: '0',
    })
    expect(useListQuery(ProductListFilters).query.value).toEqual({ page: '2' })
  })

  it('keeps a limit above the maximum (the API clamps it) unless the page fixes its own', async () => {
    await visit({ limit: '99999' })

    expect(useListQuery(ProductListFilters).query.value).toEqual({ limit: '99999' })
    expect(useListQuery(ProductListFilters, { limit: '20', include_inactive: 'true' }).query.value).toEqual({ limit: '20', include_inactive: 'true' })
  })

  it('ignores parameters the schema does not know, repeated ones and empty ones', async () => {
    await visit({ page: ['2', '3'], keyword: '', utm_source: 'newsletter', is_admin: 'true' })

    expect(useListQuery(ProductListFilters).query.value).toEqual({})
  })

  it('reads with the schema it is given', async () => {
    await visit({ status: 'shipped', from: '2026-11-25', to: 'yesterday', sort_by: 'price', keyword: 'mug' })

    expect(useListQuery(OrderListQuery).query.value).toEqual({ status: 'shipped', from: '2026-11-25' })
    expect(useListQuery(ProductListFilters).query.value).toEqual({ sort_by: 'price', keyword: 'mug' })
  })

  it('follows the URL when the visitor moves to another page or filter', async () => {
    await visit({ page: '2' })
    const { query } = useListQuery(ProductListFilters, { limit: '12' })
    expect(query.value).toEqual({ page: '2', limit: '12' })

    await visit({ page: '5', sort_by: 'name' })
    expect(query.value).toEqual({ page: '5', sort_by: 'name', limit: '12' })

    await visit({ page: 'oops' })
    expect(query.value).toEqual({ limit: '12' })
  })
})
