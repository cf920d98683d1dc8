import { beforeEach, describe, expect, it } from 'vitest'
import { clearToasts, mockApi, product, reply, shownToasts, uuid } from './helpers'

const ID = uuid(42)

function deleteProduct() {
  return useNuxtApp().$api('/api/products/:id', { path: { id: ID }, method: 'DELETE' })
}

function hideProduct() {
  return useNuxtApp().$api('/api/products/:id', { path: { id: ID }, method: 'PUT', body: { is_active: false } })
}

/** As a component's setup calls it (Nuxt UI's toasts look for their provider). */
function setup() {
  return useNuxtApp().vueApp.runWithContext(() => useApiAction())
}

describe('useApiAction', () => {
  beforeEach(clearToasts)

  it('is pending while the call runs, then toasts the success and returns the result', async () => {
    const { run, pending } = setup()
    const item = product({ id: ID, name: 'Moka pot' })
    const received = mockApi(`/api/products/${ID}`, 'PUT', ({ body }) => ({ data: { ...item, ...body } }))

    const running = run(hideProduct, result => `${result.data.name} is hidden`)
    expect(pending.value).toBe(true)

    expect(await running).toEqual({ data: { ...item, is_active: false } })
    expect(pending.value).toBe(false)
    expect(received).toHaveLength(1)
    expect(await shownToasts()).toEqual([{ title: 'Moka pot is hidden', color: 'success' }])
  })

  it('takes a fixed success message, or none', async () => {
    const { run } = setup()
    expect(await run(async () => 7, 'Saved')).toBe(7)
    expect(await shownToasts()).toEqual([{ title: 'Saved', color: 'success' }])

    clearToasts()
    expect(await run(async () => 'quiet')).toBe('quiet')
    expect(await shownToasts()).toEqual([])
  })

  it('toasts the server\'s message when the call fails, and returns nothing', async () => {
    const { run, pending } = setup()
    mockApi(`/api/products/${ID}`, 'DELETE', (_, event) => reply(event, 409, { error: 'This product is in orders: hide it instead' }))

    expect(await run(deleteProduct, 'Deleted')).toBeUndefined()
    expect(pending.value).toBe(false)
    expect(await shownToasts()).toEqual([{ title: 'This product is in orders: hide it instead', color: 'error' }])
  })

  it('puts the message under a title of its own when given one', async () => {
    const { run } = setup()
    mockApi(`/api/products/${ID}`, 'DELETE', (_, event) => reply(event, 404, { error: 'Product not found' }))

    await run(deleteProduct, 'Deleted', 'Could not delete the product')
    expect(await shownToasts()).toEqual([{ title: 'Could not delete the product', description: 'Product not found', color: 'error' }])
  })

  it('does not show a program error as the server\'s words', async () => {
    const { run } = setup()
    await run(() => Promise.reject(new TypeError('Cannot read properties of undefined')))
    expect(await shownToasts()).toEqual([{ title: 'Something went wrong. Please try again.', color: 'error' }])
  })
})
