import { beforeAll, describe, expect, it } from 'vitest'
import { ADDRESS, productFactory } from './orders-helpers'
import { registered, signedInAdmin } from './session'
import type { Session } from './session'

let admin: Session
let adminId: string
beforeAll(async () => {
  const signedIn = await signedInAdmin()
  admin = signedIn.session
  adminId = signedIn.user.id
})
const newProduct = productFactory(() => admin)

async function latest(entity: string, entityId: string) {
  const res = await admin.request(`/api/admin/audit?entity=${entity}&limit=100`)
  return res.body.data.filter((entry: { entity_id: string }) => entry.entity_id === entityId)
}

describe('the audit log', () => {
  it('records product writes with the record before and after', async () => {
    const product = await newProduct({ price: 5 })
    await admin.request(`/api/products/${product.id}`, { method: 'PUT', json: { price: 6 } })
    const entries = await latest('product', product.id)
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['product.update', 'product.create'])
    expect(entries[0]).toMatchObject({ actor_id: adminId, actor_email: 'admin@comptoir.example', before: { price: 5 }, after: { price: 6 } })
    expect(entries[0].request_id).toEqual(expect.any(String))
  })

  it('records account changes and order moves made by admins, not by customers', async () => {
    const customer = await registered('audited')
    await admin.request(`/api/users/${customer.user.id}`, { method: 'PUT', json: { full_name: 'Renamed by admin' } })
    const [userEntry] = await latest('user', customer.user.id)
    expect(userEntry).toMatchObject({ action: 'user.update', before: { full_name: null }, after: { full_name: 'Renamed by admin' } })
    expect(JSON.stringify(userEntry)).not.toMatch(/password/)

    const product = await newProduct()
    const placed = (await customer.session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: product.id, quantity: 1 }], shipping_address: ADDRESS } })).body.data
    await admin.request(`/api/orders/${placed.id}/status`, { method: 'PATCH', json: { status: 'confirmed' } })
    await admin.request(`/api/orders/${placed.id}/cancel`, { method: 'POST' })
    const moves = await latest('order', placed.id)
    expect(moves.map((e: { after: { status: string } }) => e.after.status)).toEqual(['cancelled', 'confirmed'])

    const own = (await customer.session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: product.id, quantity: 1 }], shipping_address: ADDRESS } })).body.data
    await customer.session.request(`/api/orders/${own.id}/cancel`, { method: 'POST' })
    expect(await latest('order', own.id)).toEqual([])
  })

  it('is for admins only and validates its filters', async () => {
    const { session } = await registered()
    expect((await session.request('/api/admin/audit')).status).toBe(403)
    expect((await admin.request('/api/admin/audit?entity=planet')).status).toBe(400)
  })
})
