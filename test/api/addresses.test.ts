import { beforeAll, describe, expect, it } from 'vitest'
import { expectNothingInternal, request } from './http'
import { registered } from './session'

let customer: Awaited<ReturnType<typeof registered>>
let other: Awaited<ReturnType<typeof registered>>
beforeAll(async () => {
  customer = await registered('addressbook')
  other = await registered('addressthief')
})

const home = { full_name: 'Ada Lovelace', line1: '3 rue des Fleurs', postcode: '75011', city: 'Paris', country: 'FR' }
const list = async (session = customer.session) => (await session.request('/api/addresses')).body.data as { id: string, city: string, is_default: boolean, postcode: string }[]

describe('the address book', () => {
  it('keeps addresses, the first one as the default, until another is made the default', async () => {
    const first = await customer.session.request('/api/addresses', { method: 'POST', json: home })
    expect(first.status).toBe(201)
    expect(first.body.data).toMatchObject({ ...home, line2: null, phone: null, is_default: true })
    const second = await customer.session.request('/api/addresses', { method: 'POST', json: { ...home, city: 'Lyon', postcode: '69002', line2: 'Bâtiment B', phone: '+33 6 12 34 56 78' } })
    expect(second.body.data).toMatchObject({ city: 'Lyon', is_default: false, line2: 'Bâtiment B' })
    expect((await list()).map(a => [a.city, a.is_default])).toEqual([['Paris', true], ['Lyon', false]])

    const promoted = await customer.session.request(`/api/addresses/${second.body.data.id}`, { method: 'PUT', json: { ...home, city: 'Lyon', postcode: '69002', is_default: true } })
    expect(promoted.status).toBe(200)
    expect((await list()).map(a => [a.city, a.is_default])).toEqual([['Lyon', true], ['Paris', false]])

    // Deleting the default hands it to the newest other address.
    expect((await customer.session.request(`/api/addresses/${second.body.data.id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await list()).map(a => [a.city, a.is_default])).toEqual([['Paris', true]])
  })

  it('checks each postcode against its country, and writes it the post\'s way', async () => {
    const cases: [string, string, string | null][] = [
      ['FR', '7501', null], ['FR', '75011', '75011'], ['BE', '1000', '1000'], ['BE', '0999', null],
      ['CH', '1201', '1201'], ['DE', '10115', '10115'], ['DE', '1011', null],
      ['GB', 'sw1a1aa', 'SW1A 1AA'], ['GB', 'm1 1ae', 'M1 1AE'], ['GB', '12345', null],
      ['US', '94103-1234', '94103-1234'], ['US', '9410', null], ['NL', '1012ab', '1012 AB'],
    ]
    for (const [country, postcode, stored] of cases) {
      const res = await other.session.request('/api/addresses', { method: 'POST', json: { ...home, country, postcode } })
      if (stored === null) {
        expect(res.status, `${country} ${postcode}`).toBe(400)
        expect(res.body.details.postcode[0]).toMatch(/^postcode must look like .+ in /)
      }
      else {
        expect(res.status, `${country} ${postcode}`).toBe(201)
        expect(res.body.data.postcode).toBe(stored)
        await other.session.request(`/api/addresses/${res.body.data.id}`, { method: 'DELETE' })
      }
    }
  })

  it('refuses what is not an address, per field, and saves nothing', async () => {
    const before = (await list(other.session)).length
    const bad = await other.session.request('/api/addresses', { method: 'POST', json: { full_name: '  ', line1: 'x'.repeat(121), postcode: '75011', city: 'Paris', country: 'XX', phone: 'call me' } })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.details).sort()).toEqual(['country', 'full_name', 'line1', 'phone'])
    expectNothingInternal(bad.text)
    expect((await list(other.session)).length).toBe(before)
  })

  it('is nobody else\'s business: another customer\'s address is not found, and anonymous visitors are refused', async () => {
    const mine = (await customer.session.request('/api/addresses', { method: 'POST', json: { ...home, city: 'Nantes', postcode: '44000' } })).body.data
    expect((await other.session.request(`/api/addresses/${mine.id}`, { method: 'PUT', json: { ...home, city: 'Stolen' } })).status).toBe(404)
    expect((await other.session.request(`/api/addresses/${mine.id}`, { method: 'DELETE' })).status).toBe(404)
    expect((await list(other.session)).some(a => a.id === mine.id)).toBe(false)
    expect((await request('/api/addresses')).status).toBe(401)
    for (const id of ['not-a-uuid', '%2E%2E', `${mine.id}%09`]) {
      expect([400, 404]).toContain((await customer.session.request(`/api/addresses/${id}`, { method: 'DELETE' })).status)
    }
    expect((await list()).some(a => a.id === mine.id)).toBe(true)
  })

  it('holds at most 20 addresses, even when 30 are added at once', async () => {
    const filler = await registered('addressfull')
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => filler.session.request('/api/addresses', { method: 'POST', json: { ...home, line1: `${i} rue des Fleurs` } })))
    expect(answers.filter(res => res.status === 201)).toHaveLength(20)
    expect(answers.filter(res => res.status === 409)).toHaveLength(10)
    const kept = await list(filler.session)
    expect(kept).toHaveLength(20)
    expect(kept.filter(a => a.is_default)).toHaveLength(1)
  })
})
