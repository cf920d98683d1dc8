import { describe, expect, it } from 'vitest'
import { apiPath } from '../../composables/api-routes'

describe('apiPath', () => {
  it('fills each :name segment of a route pattern', () => {
    expect(apiPath('/api/orders/:id/status', { id: '0b6c5d1e-7f7e-4f53-9d2a-1c1c1c1c1c1c' })).toBe('/api/orders/0b6c5d1e-7f7e-4f53-9d2a-1c1c1c1c1c1c/status')
    expect(apiPath('/api/cart')).toBe('/api/cart')
  })

  it('keeps a value inside its segment: slashes, dots, backslashes, query and fragment characters are encoded', () => {
    expect(apiPath('/api/products/:id', { id: '../users/x?admin=1#top' })).toBe('/api/products/..%2Fusers%2Fx%3Fadmin%3D1%23top')
    expect(apiPath('/api/products/:id/stock', { id: 'a\\b\tc%2F' })).toBe('/api/products/a%5Cb%09c%252F/stock')
  })

  it('refuses a missing, empty or dot-segment parameter instead of calling another route', () => {
    for (const id of [undefined, '', '.', '..', '%2e', '.%2E']) {
      expect(() => apiPath('/api/orders/:id/cancel', id === undefined ? {} : { id })).toThrow(/:id/)
    }
    expect(apiPath('/api/products/:id', { id: '...' })).toBe('/api/products/...')
  })
})
