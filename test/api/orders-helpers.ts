import { afterAll } from 'vitest'
import type { Session } from './session'

export const ADDRESS = 'Ada Lovelace\n3 rue des Fleurs\n75011 Paris\nFrance'

/**
 * Products for order tests. They end up ordered, so they cannot be deleted: they are
 * deactivated afterwards, which hides them from the storefront the other files check.
 */
export function productFactory(admin: () => Session) {
  const made: string[] = []
  afterAll(async () => {
    for (const id of made) await admin().request(`/api/products/${id}`, { method: 'PUT', json: { is_active: false } })
  })
  let n = 0
  return async (fields: { price?: number, stock?: number, vat_rate?: number, weight_grams?: number } = {}) => {
    const res = await admin().request('/api/products', { method: 'POST', json: { name: `Order test ${Date.now()}-${n++}`, price: 12.5, stock: 10, ...fields } })
    if (res.status !== 201) throw new Error(res.text)
    made.push(res.body.data.id)
    return res.body.data as { id: string, name: string, price: number, stock: number }
  }
}

export async function stockOf(admin: Session, id: string) {
  return (await admin.request(`/api/products/${id}`)).body.data.stock as number
}
