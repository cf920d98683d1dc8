import { beforeAll, describe, expect, it } from 'vitest'
import { expectNothingInternal, request } from './http'
import { mailsTo } from './mailbox'
import { productFactory } from './orders-helpers'
import { registered, signedInAdmin } from './session'
import type { Session } from './session'

let admin: Session
let buyer: Awaited<ReturnType<typeof registered>>
let methods: { id: string, name: string, countries: string[] }[]
beforeAll(async () => {
  admin = (await signedInAdmin()).session
  buyer = await registered('shipper')
  methods = (await admin.request('/api/admin/shipping-methods')).body.data
})
const newProduct = productFactory(() => admin)
const method = (name: string) => methods.find(m => m.name.startsWith(name))!
const address = { full_name: 'Ada Lovelace', line1: '3 rue des Fleurs', postcode: '75011', city: 'Paris', country: 'FR' }

async function quote(items: { product_id: string, quantity: number }[], country: string) {
  const res = await request('/api/shipping/quote', { method: 'POST', json: { items, country } })
  expect(res.status).toBe(200)
  return res.body.data as { weight_grams: number, options: { id: string, name: string, price: number }[] }
}

describe('delivery options', () => {
  it('are the methods serving the country, priced by the cart\'s weight, free past the threshold', async () => {
    const light = await newProduct({ price: 12, weight_grams: 300 })
    const heavy = await newProduct({ price: 20, weight_grams: 4000, stock: 100 })
    const small = await quote([{ product_id: light.id, quantity: 1 }], 'FR')
    expect(small.weight_grams).toBe(300)
    expect(small.options.map(o => [o.name, o.price])).toEqual([['Standard (Colissimo)', 4.9], ['Express (Chronopost)', 12.9], ['Collect from the shop', 0]])
    // 2 × 4 kg: Standard's band up to 30 kg; Express stops at 10 kg, so 3 × 4 kg (€60 of goods: Standard free) has no express.
    expect((await quote([{ product_id: heavy.id, quantity: 2 }], 'FR')).options.find(o => o.name.startsWith('Standard'))!.price).toBe(19.9)
    expect((await quote([{ product_id: heavy.id, quantity: 3 }], 'FR')).options.map(o => [o.name, o.price])).toEqual([['Standard (Colissimo)', 0], ['Collect from the shop', 0]])
    // Past every band of every method but collection.
    expect((await quote([{ product_id: heavy.id, quantity: 9 }], 'FR')).options.map(o => o.name)).toEqual(['Collect from the shop'])
    // Free from €60 of goods: 5 × 12 = 60.
    expect((await quote([{ product_id: light.id, quantity: 5 }], 'FR')).options[0]).toMatchObject({ name: 'Standard (Colissimo)', price: 0 })
    expect((await quote([{ product_id: light.id, quantity: 1 }], 'GB')).options.map(o => [o.name, o.price])).toEqual([['International (La Poste)', 16.9]])
    const badCountry = await request('/api/shipping/quote', { method: 'POST', json: { items: [{ product_id: light.id, quantity: 1 }], country: 'FR\t' } })
    expect(badCountry.status).toBe(400)
    expect(badCountry.body.details.country).toBeDefined()
  })
})

describe('an order with a delivery', () => {
  it('charges the delivery in its total, taxes it as the goods it carries, and keeps it as it was', async () => {
    const coffee = await newProduct({ price: 12.9, vat_rate: 5.5, weight_grams: 280 })
    const kettle = await newProduct({ price: 39.9, vat_rate: 20, weight_grams: 900 })
    const standard = method('Standard')
    const res = await buyer.session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: coffee.id, quantity: 1 }, { product_id: kettle.id, quantity: 1 }], address, shipping_method_id: standard.id } })
    expect(res.status).toBe(201)
    const order = res.body.data
    // 1.18 kg: the 7.90 band; split 12.90 : 39.90 between 5.5 % and 20 %: 1.93 and 5.97.
    // Each part taxed by the line rule: 1.93 at 5.5 % is 1.83 + 0.10; 5.97 at 20 % is 4.98 + 0.99.
    expect(order.shipping).toEqual({ method_id: standard.id, method_name: 'Standard (Colissimo)', amount: 7.9, net: 6.81, vat: 1.09 })
    expect(order.total_amount).toBe(60.7)
    expect(Math.round((order.net_amount + order.vat_amount) * 100)).toBe(Math.round(order.total_amount * 100))
    expect(order.vat).toEqual([{ rate: 20, net: 33.25 + 4.98, vat: 6.65 + 0.99, gross: 39.9 + 5.97 }, { rate: 5.5, net: 12.23 + 1.83, vat: 0.67 + 0.1, gross: 12.9 + 1.93 }].map(r => ({ rate: r.rate, net: round(r.net), vat: round(r.vat), gross: round(r.gross) })))
    expect(order.shipping_details).toMatchObject({ ...address, line2: null, phone: null })
    expect(order.shipping_address).toBe('Ada Lovelace\n3 rue des Fleurs\n75011 Paris\nFrance')
    const mail = (await mailsTo(buyer.account.email, 2)).find(text => text.includes(order.id.slice(0, 8)))
    expect(mail).toContain('Delivery: Standard (Colissimo)')

    // A later price change leaves the order's delivery as it was charged.
    await admin.request(`/api/admin/shipping-methods/${standard.id}`, { method: 'PUT', json: { ...(await admin.request('/api/admin/shipping-methods')).body.data.find((m: { id: string }) => m.id === standard.id), rates: [{ up_to_grams: null, price: 99 }] } })
    expect((await buyer.session.request(`/api/orders/${order.id}`)).body.data.shipping.amount).toBe(7.9)
    await admin.request(`/api/admin/shipping-methods/${standard.id}`, { method: 'PUT', json: { ...(await admin.request('/api/admin/shipping-methods')).body.data.find((m: { id: string }) => m.id === standard.id), rates: [{ up_to_grams: 500, price: 4.9 }, { up_to_grams: 2000, price: 7.9 }, { up_to_grams: 5000, price: 12.9 }, { up_to_grams: 30000, price: 19.9 }] } })
  })

  it('refuses a delivery that cannot take the order, and a structured address without one, changing nothing', async () => {
    const product = await newProduct({ weight_grams: 500 })
    const items = [{ product_id: product.id, quantity: 1 }]
    const cases: [Record<string, unknown>, string][] = [
      [{ address }, 'Choose a delivery'],
      [{ address: { ...address, country: 'GB', postcode: 'SW1A 1AA' }, shipping_method_id: method('Express').id }, 'does not deliver to this country'],
      [{ shipping_address: 'Ada Lovelace, 3 rue des Fleurs, 75011 Paris', shipping_method_id: method('Express').id }, 'A delivery needs a structured address'],
      [{ address, shipping_method_id: crypto.randomUUID() }, 'This delivery is not offered'],
    ]
    for (const [extra, message] of cases) {
      const res = await buyer.session.request('/api/orders', { method: 'POST', json: { items, ...extra } })
      expect(res.status).toBe(400)
      expect(res.body.details.shipping_method_id[0]).toContain(message)
      expectNothingInternal(res.text)
    }
    const none = await buyer.session.request('/api/orders', { method: 'POST', json: { items } })
    expect(none.status).toBe(400)
    expect(none.body.details.shipping_address).toBeDefined()
    expect((await admin.request(`/api/products/${product.id}`)).body.data.stock).toBe(10)
  })

  it('takes an address from the buyer\'s book, only theirs, and can keep a new one there', async () => {
    const product = await newProduct()
    const items = [{ product_id: product.id, quantity: 1 }]
    const pickup = method('Collect').id
    const kept = await buyer.session.request('/api/orders', { method: 'POST', json: { items, address: { ...address, city: 'Lyon', postcode: '69002' }, save_address: true, shipping_method_id: pickup } })
    expect(kept.status).toBe(201)
    const book = (await buyer.session.request('/api/addresses')).body.data
    const lyon = book.find((a: { city: string }) => a.city === 'Lyon')
    expect(lyon).toBeDefined()
    const again = await buyer.session.request('/api/orders', { method: 'POST', json: { items, address_id: lyon.id, shipping_method_id: pickup, billing_address: { ...address, full_name: 'Ada Lovelace SARL' } } })
    expect(again.status).toBe(201)
    expect(again.body.data).toMatchObject({ shipping_details: { city: 'Lyon' }, billing_details: { full_name: 'Ada Lovelace SARL' }, shipping: { amount: 0 } })
    const stranger = await registered('shippingstranger')
    const stolen = await stranger.session.request('/api/orders', { method: 'POST', json: { items, address_id: lyon.id, shipping_method_id: pickup } })
    expect(stolen.status).toBe(400)
    expect(stolen.body.details.address_id).toEqual(['Not one of your saved addresses'])
  })
})

describe('shipping methods, for admins', () => {
  it('are created and changed by admins only, checked per field, and audited', async () => {
    const customer = await buyer.session.request('/api/admin/shipping-methods', { method: 'POST', json: { name: 'Sneaky', countries: ['FR'], rates: [{ up_to_grams: null, price: 0 }] } })
    expect(customer.status).toBe(403)
    const bad = await admin.request('/api/admin/shipping-methods', { method: 'POST', json: { name: '', countries: [], rates: [{ up_to_grams: null, price: 1 }, { up_to_grams: null, price: 2 }], free_over: -1 } })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.details).sort()).toEqual(['countries', 'free_over', 'name', 'rates'])
    const made = await admin.request('/api/admin/shipping-methods', { method: 'POST', json: { name: 'Bike courier', description: 'Lyon only', countries: ['FR', 'FR'], rates: [{ up_to_grams: 3000, price: 6 }], is_active: false } })
    expect(made.status).toBe(201)
    expect(made.body.data).toMatchObject({ name: 'Bike courier', countries: ['FR'], rates: [{ up_to_grams: 3000, price: 6 }], free_over: null, is_active: false })
    // Paused: not offered.
    const product = await newProduct()
    expect((await quote([{ product_id: product.id, quantity: 1 }], 'FR')).options.map(o => o.name)).not.toContain('Bike courier')
    const audit = await admin.request('/api/admin/audit?entity=shipping_method')
    expect(audit.body.data[0]).toMatchObject({ action: 'shipping_method.create', entity_id: made.body.data.id })
  })
})

function round(value: number) {
  return Math.round(value * 100) / 100
}
