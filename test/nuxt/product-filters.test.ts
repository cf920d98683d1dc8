import { mountSuspended } from '@nuxt/test-utils/runtime'
import { describe, expect, it, vi } from 'vitest'
import ProductFilters from '~/components/product/Filters.vue'
import type { ProductListParams } from '#shared/utils/product-filters'

function mountFilters(filters: ProductListParams = {}) {
  return mountSuspended(ProductFilters, { props: { filters, idPrefix: 'aside' } })
}

type Wrapper = Awaited<ReturnType<typeof mountFilters>>

/** The filters each `change` asked for, in order. */
const changes = (wrapper: Wrapper) => (wrapper.emitted('change') ?? []).map(([filters]) => filters)

describe('ProductFilters', () => {
  it('shows the filters the page is at', async () => {
    const wrapper = await mountFilters({ keyword: 'kettle', min_price: 20, max_price: 49.9, in_stock_only: true, sort_by: 'price', order: 'desc' })

    expect((wrapper.get('input[type=search]').element as HTMLInputElement).value).toBe('kettle')
    expect((wrapper.get('[aria-label="Minimum price in euros"]').element as HTMLInputElement).value).toBe('20')
    expect((wrapper.get('[aria-label="Maximum price in euros"]').element as HTMLInputElement).value).toBe('49.9')
    expect((wrapper.get('[role=switch]').element as HTMLInputElement).checked).toBe(true)
    expect((wrapper.get('select').element as HTMLSelectElement).value).toBe('price:desc')
    // Labels lead to their inputs.
    expect(wrapper.get('label[for="aside-keyword"]').text()).toBe('Search')
    expect(wrapper.find('#aside-keyword').exists()).toBe(true)
  })

  it('reads a sort without an order as the sort\'s natural order', async () => {
    expect((await mountFilters({})).get('select').element).toHaveProperty('value', 'created_at:desc')
    expect((await mountFilters({ sort_by: 'name' })).get('select').element).toHaveProperty('value', 'name:asc')
  })

  it('asks for a new sort, keeping the other filters', async () => {
    const wrapper = await mountFilters({ keyword: 'tea', in_stock_only: true })

    await wrapper.get('select').setValue('price:asc')

    expect(changes(wrapper)).toEqual([{ keyword: 'tea', in_stock_only: true, sort_by: 'price', order: 'asc' }])
  })

  it('turns "in stock only" on and off', async () => {
    const wrapper = await mountFilters({ keyword: 'tea' })

    await wrapper.get('[role=switch]').setValue(true)
    expect(changes(wrapper)).toEqual([{ keyword: 'tea', in_stock_only: true }])

    await wrapper.setProps({ filters: { keyword: 'tea', in_stock_only: true } })
    await wrapper.get('[role=switch]').setValue(false)
    expect(changes(wrapper)[1]).toEqual({ keyword: 'tea', in_stock_only: undefined })
  })

  it('applies the text fields on submit: keyword trimmed, prices in euros, a malformed price dropped', async () => {
    const wrapper = await mountFilters({ sort_by: 'name', order: 'asc' })

    await wrapper.get('input[type=search]').setValue('  moka pot ')
    await wrapper.get('[aria-label="Minimum price in euros"]').setValue('12.50')
    await wrapper.get('[aria-label="Maximum price in euros"]').setValue('cheap')
    const before = changes(wrapper).length
    await wrapper.get('form').trigger('submit')

    expect(changes(wrapper).slice(before)).toEqual([{ sort_by: 'name', order: 'asc', keyword: 'moka pot', min_price: 12.5, max_price: undefined }])
  })

  it('applies a price as soon as its field changes', async () => {
    const wrapper = await mountFilters({})

    // setValue fires `input` then `change`, as leaving the field does.
    await wrapper.get('[aria-label="Maximum price in euros"]').setValue('30')

    expect(changes(wrapper)).toEqual([{ keyword: undefined, min_price: undefined, max_price: 30 }])
  })

  it('searches by itself once the visitor stops typing', async () => {
    const wrapper = await mountFilters({})
    vi.useFakeTimers()
    try {
      const input = wrapper.get('input[type=search]')

      await input.setValue('d')
      vi.advanceTimersByTime(200)
      await input.setValue('dr')
      vi.advanceTimersByTime(200)
      await input.setValue('drip')
      expect(changes(wrapper)).toEqual([])

      vi.advanceTimersByTime(400)
      expect(changes(wrapper)).toEqual([{ keyword: 'drip', min_price: undefined, max_price: undefined }])
    }
    finally {
      vi.useRealTimers()
    }
  })

  it('follows the page when its URL changes (back button, a link)', async () => {
    const wrapper = await mountFilters({ keyword: 'tea', min_price: 5 })
    await wrapper.setProps({ filters: { keyword: 'coffee' } })

    expect((wrapper.get('input[type=search]').element as HTMLInputElement).value).toBe('coffee')
    expect((wrapper.get('[aria-label="Minimum price in euros"]').element as HTMLInputElement).value).toBe('')
    expect(changes(wrapper)).toEqual([])
  })

  it('still works as a plain GET form without JavaScript', async () => {
    const wrapper = await mountFilters({})
    const form = wrapper.get('form')

    expect(form.attributes()).toMatchObject({ action: '/products', method: 'get' })
    expect(wrapper.findAll('input[name]').map(input => input.attributes('name'))).toEqual(['keyword', 'min_price', 'max_price', 'in_stock_only'])
    expect(wrapper.get('[name=in_stock_only]').attributes('value')).toBe('true')
  })
})
