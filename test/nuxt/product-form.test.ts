import { mountSuspended } from '@nuxt/test-utils/runtime'
import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import ProductForm from '~/components/admin/ProductForm.vue'
import type { ProductJson } from '#shared/types/api'
import { clearToasts, fieldError, formField, mockApi, product, reply, shownToasts, type } from './helpers'

async function fill(wrapper: Pick<VueWrapper, 'findAll'>, values: Record<string, string>) {
  for (const [label, text] of Object.entries(values)) {
    const root = formField(wrapper, label)
    await type(root.find('textarea').exists() ? root.get('textarea') : root.get('input'), text)
  }
}

async function submit(wrapper: Pick<VueWrapper, 'get'>) {
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

describe('ProductForm', () => {
  beforeEach(clearToasts)

  it('explains what is wrong before sending anything', async () => {
    const received = mockApi('/api/products', 'POST')
    const wrapper = await mountSuspended(ProductForm)

    await fill(wrapper, { Name: '   ', SKU: 'has spaces!' })
    await submit(wrapper)

    await vi.waitFor(() => expect(fieldError(wrapper, 'Name')).toBe('name is required'))
    expect(fieldError(wrapper, 'SKU')).toBe('sku is 1 to 64 letters, digits, dots, dashes or underscores')
    expect(received).toHaveLength(0)
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('creates a product: a blank category is sent as none, and the new product is handed on', async () => {
    const created = product({ name: 'Chemex 6 cups', price: 49.9 })
    const received = mockApi('/api/products', 'POST', () => ({ data: created }))
    const wrapper = await mountSuspended(ProductForm)

    await fill(wrapper, { 'Name': '  Chemex 6 cups ', 'Price (€)': '49.90', 'SKU': 'CHX-6', 'Initial stock': '12', 'Description': 'Pour-over, glass.' })
    await submit(wrapper)

    await vi.waitFor(() => expect(received).toHaveLength(1))
    expect(received[0]?.body).toEqual({
      name: 'Chemex 6 cups',
      price: 49.9,
      vat_rate: 20,
      weight_grams: 0,
      cost: null,
      description: 'Pour-over, glass.',
      category: null,
      sku: 'CHX-6',
      is_active: true,
      stock: 12,
    })
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toEqual([[created]]))
    expect(await shownToasts()).toEqual([{ title: 'Product created', color: 'success' }])
  })

  // The form validates its state, where a blank SKU is '' (not null): the schema takes it as "no SKU".
  it('creates a product with the SKU left blank, sending none', async () => {
    const received = mockApi('/api/products', 'POST', () => ({ data: product() }))
    const wrapper = await mountSuspended(ProductForm)

    await fill(wrapper, { 'Name': 'Chemex 6 cups', 'Price (€)': '49.90' })
    await submit(wrapper)

    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 300 })
    expect(received[0]?.body).toMatchObject({ sku: null })
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toHaveLength(1))
  })

  it('saves an edited product with PUT, without its stock (that moves through the stock dialog)', async () => {
    const existing = product({ name: 'Aeropress', price: 39, sku: 'AERO-1', category: 'Brewing', description: 'Press.', cost: 20 })
    const received = mockApi(`/api/products/${existing.id}`, 'PUT', ({ body }) => ({ data: { ...existing, ...body } as ProductJson }))
    const wrapper = await mountSuspended(ProductForm, { props: { product: existing } })

    expect(wrapper.text()).not.toContain('Initial stock')
    await fill(wrapper, { Category: '', SKU: 'AERO-2' })
    await submit(wrapper)

    await vi.waitFor(() => expect(received).toHaveLength(1))
    expect(received[0]?.body).toEqual({ name: 'Aeropress', price: 39, vat_rate: 20, weight_grams: 250, cost: 20, description: 'Press.', category: null, sku: 'AERO-2', is_active: true })
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toHaveLength(1))
    expect(await shownToasts()).toEqual([{ title: 'Product saved', color: 'success' }])
  })

  it('shows the server\'s answer under its field', async () => {
    mockApi('/api/products', 'POST', (_, event) => reply(event, 409, { error: 'Some fields are not valid', details: { sku: ['This SKU is already used by "Aeropress"'] } }))
    const wrapper = await mountSuspended(ProductForm)

    await fill(wrapper, { Name: 'Aeropress Go', SKU: 'AERO-1' })
    await submit(wrapper)

    await vi.waitFor(() => expect(fieldError(wrapper, 'SKU')).toBe('This SKU is already used by "Aeropress"'))
    expect(wrapper.emitted('saved')).toBeUndefined()
    expect(await shownToasts()).toEqual([])
  })
})
