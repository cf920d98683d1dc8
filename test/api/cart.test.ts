import { beforeAll, describe, expect, it } from 'vitest'
import { productFactory } from './orders-helpers'
import { registered, Session, signedInAdmin } from './session'

let admin: Session
beforeAll(async () => {
  admin = (await signedInAdmin()).session
})
const newProduct = productFactory(() => admin)

describe('POST /api/cart/quote', () => {
  it('gives live prices and stock for anyone\'s lines, and null for what is not for sale', async () => {
    const product = await newProduct({ price: 4.2, stock: 3 })
    const hidden = await newProduct()
    await admin.request(`/api/products/${hidden.id}`, { method: 'PUT', json: { is_active: false } })
    const res = await new Session().request('/api/cart/quote', { method: 'POST', json: { items: [
      { product_id: product.id, quantity: 5, price: 3.9 },
      { product_id: hidden.id, quantity: 1 },
    ] } })
    expect(res.status).toBe(200)
    expect(res.body.data[0]).toMatchObject({ product_id: product.id, quantity: 5, added_price: 3.9, product: { price: 4.2, stock: 3 } })
    expect(res.body.data[0].product).not.toHaveProperty('cost')
    expect(res.body.data[1]).toMatchObject({ product_id: hidden.id, product: null })
  })

  it('validates the lines', async () => {
    const res = await new Session().request('/api/cart/quote', { method: 'POST', json: { items: [{ product_id: 'x', quantity: 0 }] } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.details).sort()).toEqual(['items.0.product_id', 'items.0.quantity'])
  })
})

describe('the saved cart of a signed-in customer', () => {
  it('is kept on the server and read back from another session', async () => {
    const [product, withdrawn] = [await newProduct({ price: 12 }), await newProduct({ price: 5 })]
    const { session, account } = await registered('carted')
    const saved = await session.request('/api/cart', { method: 'PUT', json: { items: [{ product_id: product.id, quantity: 2, price: 11 }, { product_id: withdrawn.id, quantity: 1 }] } })
    expect(saved.status).toBe(200)
    await admin.request(`/api/products/${withdrawn.id}`, { method: 'PUT', json: { is_active: false } })
    const elsewhere = new Session()
    await elsewhere.request('/api/auth/login', { method: 'POST', json: { email: account.email, password: account.password } })
    const cart = await elsewhere.request('/api/cart')
    expect(cart.body.data).toEqual([
      expect.objectContaining({ product_id: product.id, quantity: 2, added_price: 11, product: expect.objectContaining({ price: 12 }) }),
      expect.objectContaining({ product_id: withdrawn.id, quantity: 1, added_price: 5, product: null }),
    ])
    // A signed-in page is drawn with the saved cart.
    expect((await elsewhere.request('/', { headers: { accept: 'text/html' } })).text).toContain('Cart, 3 items')
    await elsewhere.request('/api/cart', { method: 'PUT', json: { items: [] } })
    expect((await session.request('/api/cart')).body.data).toEqual([])
  })

  it('belongs to its owner only', async () => {
    expect((await new Session().request('/api/cart')).status).toBe(401)
    const { session } = await registered()
    const product = await newProduct()
    const dup = await session.request('/api/cart', { method: 'PUT', json: { items: [{ product_id: product.id, quantity: 1 }, { product_id: product.id, quantity: 2 }] } })
    expect(dup.status).toBe(400)
  })
})
