import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNothingInternal, request } from './http'
import { ADDRESS } from './orders-helpers'
import { registered, signedInAdmin } from './session'
import type { Session } from './session'

let admin: Session
beforeAll(async () => {
  admin = (await signedInAdmin()).session
})

/** Every SKU of this file starts with the run's prefix; the products are deleted afterwards. */
const prefix = `IMP${Date.now().toString(36).toUpperCase()}`
afterAll(async () => {
  const res = await admin.request(`/api/products?include_inactive=true&limit=100&keyword=Import%20test`)
  for (const product of res.body.data) await admin.request(`/api/products/${product.id}`, { method: 'DELETE' })
})

function importCsv(csv: string, apply = false, session = admin) {
  return session.request('/api/admin/products/import', { method: 'POST', json: { csv, apply } })
}

async function bySku(sku: string) {
  const res = await admin.request(`/api/products?include_inactive=true&limit=100&keyword=Import%20test`)
  return res.body.data.find((p: { sku: string }) => p.sku === sku) as Record<string, any> | undefined
}

async function existing(suffix: string, fields: Record<string, unknown> = {}) {
  const res = await admin.request('/api/products', { method: 'POST', json: { name: `Import test ${suffix}`, sku: `${prefix}-${suffix}`, price: 10, cost: 4, stock: 5, category: 'Tea', ...fields } })
  if (res.status !== 201) throw new Error(res.text)
  return res.body.data as Record<string, any>
}

const HEADER = 'sku,name,category,price,cost,stock,is_active,description'

describe('product CSV import', () => {
  it('reports row by row what a dry run would do, and changes nothing', async () => {
    const kept = await existing('KEEP')
    const moved = await existing('MOVE')
    const csv = [
      HEADER,
      `${prefix}-NEW,Import test new kettle,Brewing,39.90,18,12,true,"Gooseneck, 1 l"`,
      `${prefix}-MOVE,Import test MOVE,Tea,11.5,4,9,,`,
      `${prefix}-KEEP,Import test KEEP,Tea,10,4,5,true,`,
      `${prefix}-BAD,Import test bad price,Tea,12.999,,1,true,`,
      `${prefix}-NONAME,,Tea,5,,,,`,
      `${prefix}-NEW,Import test again,Tea,5,,,,`,
      `bad sku!,Import test odd,Tea,5,,,,`,
      `${prefix}-SHORT,Import test short,Tea`,
      `${prefix}-FLAG,Import test flag,Tea,5,,,maybe,`,
    ].join('\n')
    const res = await importCsv(csv)
    expect(res.status).toBe(200)
    expect(res.body.data.applied).toBe(false)
    expect(res.body.data.summary).toEqual({ create: 1, update: 1, unchanged: 1, reject: 6 })
    expect(res.body.data.rows).toEqual([
      { line: 2, sku: `${prefix}-NEW`, name: 'Import test new kettle', action: 'create' },
      { line: 3, sku: `${prefix}-MOVE`, name: 'Import test MOVE', action: 'update', changes: { price: { before: 10, after: 11.5 }, stock: { before: 5, after: 9 } } },
      { line: 4, sku: `${prefix}-KEEP`, name: 'Import test KEEP', action: 'unchanged' },
      { line: 5, sku: `${prefix}-BAD`, name: 'Import test bad price', action: 'reject', errors: { price: ['price must be an amount like 19.99'] } },
      { line: 6, sku: `${prefix}-NONAME`, name: null, action: 'reject', errors: { name: ['name is required'] } },
      { line: 7, sku: `${prefix}-NEW`, name: 'Import test again', action: 'reject', errors: { sku: [`The SKU ${prefix}-NEW is already on line 2`] } },
      { line: 8, sku: 'bad sku!', name: 'Import test odd', action: 'reject', errors: { sku: ['sku is 1 to 64 letters, digits, dots, dashes or underscores'] } },
      { line: 9, sku: `${prefix}-SHORT`, name: 'Import test short', action: 'reject', errors: { _row: ['3 cells where the header has 8'], price: ['price is required'] } },
      { line: 10, sku: `${prefix}-FLAG`, name: 'Import test flag', action: 'reject', errors: { is_active: ['is_active must be true or false (or yes/no, 1/0)'] } },
    ])
    expect(await bySku(`${prefix}-NEW`)).toBeUndefined()
    expect(await bySku(`${prefix}-MOVE`)).toMatchObject({ price: moved.price, stock: moved.stock })
    expect(await bySku(`${prefix}-KEEP`)).toMatchObject({ updated_at: kept.updated_at })
  })

  it('applies nothing while a row is rejected, and says which', async () => {
    const csv = [HEADER, `${prefix}-OK1,Import test fine,Tea,5,,3,,`, `${prefix}-KO1,Import test broken,Tea,-5,,3,,`].join('\n')
    const res = await importCsv(csv, true)
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ error: '1 row is rejected: nothing was imported', details: { 'line 3': ['price: price must be an amount like 19.99'] } })
    expect(await bySku(`${prefix}-OK1`)).toBeUndefined()
  })

  it('applies creates and updates in one go, with stock ledger and audit rows', async () => {
    const target = await existing('UPD')
    const csv = [
      'SKU;Name;Price;Stock;Is_active',
      `${prefix}-C1;Import test created one;24,50;7;yes`,
      `${prefix}-C2;Import test created two;3;;no`,
      `${prefix}-UPD;Import test UPD renamed;10;2;`,
    ].join('\r\n')
    const res = await importCsv(csv, true)
    expect(res.status).toBe(200)
    expect(res.body.data).toMatchObject({ applied: true, summary: { create: 2, update: 1, unchanged: 0, reject: 0 } })

    const one = await bySku(`${prefix}-C1`)
    expect(one).toMatchObject({ name: 'Import test created one', price: 24.5, stock: 7, is_active: true, category: null, cost: null })
    expect(await bySku(`${prefix}-C2`)).toMatchObject({ price: 3, stock: 0, is_active: false })
    // Columns the file leaves out stay as they were.
    const updated = await bySku(`${prefix}-UPD`)
    expect(updated).toMatchObject({ name: 'Import test UPD renamed', price: 10, stock: 2, cost: 4, category: 'Tea', is_active: true })
    // The storefront sees the new product at once.
    expect((await request(`/api/products/${one!.id}`)).body.data.stock).toBe(7)

    const ledger = (await admin.request(`/api/products/${target.id}/stock-movements`)).body.data
    expect(ledger[0]).toMatchObject({ delta: -3, stock_after: 2, reason: 'import' })
    expect((await admin.request(`/api/products/${one!.id}/stock-movements`)).body.data).toMatchObject([{ delta: 7, stock_after: 7, reason: 'import' }])
    const audit = (await admin.request('/api/admin/audit?entity=product&limit=10')).body.data
    expect(audit.find((e: { entity_id: string }) => e.entity_id === target.id)).toMatchObject({ action: 'product.update', before: { name: 'Import test UPD', stock: 5 }, after: { name: 'Import test UPD renamed', stock: 2 } })
    expect(audit.find((e: { entity_id: string }) => e.entity_id === one!.id)).toMatchObject({ action: 'product.create' })
  })

  it('reads VAT rates, with a decimal point or comma, and refuses one the shop does not use', async () => {
    const moved = await existing('VAT')
    const csv = [
      'sku,name,price,vat_rate',
      `${prefix}-VATNEW,Import test tea by rate,8.50,"5,5"`,
      `${prefix}-VAT,Import test VAT,10,5.5`,
      `${prefix}-VATBAD,Import test old rate,8.50,19.6`,
    ].join('\n')
    const preview = await importCsv(csv)
    expect(preview.body.data.rows[0]).toMatchObject({ sku: `${prefix}-VATNEW`, action: 'create' })
    expect(preview.body.data.rows.slice(1)).toEqual([
      { line: 3, sku: `${prefix}-VAT`, name: 'Import test VAT', action: 'update', changes: { vat_rate: { before: 20, after: 5.5 } } },
      { line: 4, sku: `${prefix}-VATBAD`, name: 'Import test old rate', action: 'reject', errors: { vat_rate: ['vat_rate must be one of 20, 10, 5.5, 2.1'] } },
    ])
    const applied = await importCsv(csv.split('\n').slice(0, 3).join('\n'), true)
    expect(applied.body.data.summary).toEqual({ create: 1, update: 1, unchanged: 0, reject: 0 })
    expect((await bySku(`${prefix}-VATNEW`))!.vat_rate).toBe(5.5)
    expect((await bySku(`${prefix}-VAT`))!.vat_rate).toBe(5.5)
    expect((await bySku(moved.sku))!.price).toBe(10)
  })

  it('leaves a field with an empty cell as it was', async () => {
    await existing('DESC', { description: 'Hand-thrown stoneware' })
    const res = await importCsv([HEADER, `${prefix}-DESC,Import test DESC,,,,,,`].join('\n'), true)
    expect(res.body.data.summary.unchanged).toBe(1)
    expect(await bySku(`${prefix}-DESC`)).toMatchObject({ description: 'Hand-thrown stoneware', category: 'Tea', cost: 4, price: 10, stock: 5 })
  })

  it('refuses to apply a preview that a sale has made stale', async () => {
    const product = await existing('STALE')
    const csv = [HEADER, `${prefix}-STALE,Import test STALE,Tea,12,4,5,,`].join('\n')
    const preview = await importCsv(csv)
    expect(preview.body.data.rows[0].changes).toEqual({ price: { before: 10, after: 12 } })
    // A customer buys one meanwhile: applying "stock 5" now would give the sold unit back.
    const { session } = await registered('stalebuyer')
    const order = await session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: product.id, quantity: 1 }], shipping_address: ADDRESS } })
    expect(order.status).toBe(201)
    const stale = await admin.request('/api/admin/products/import', { method: 'POST', json: { csv, apply: true, token: preview.body.data.token } })
    expect(stale.status).toBe(409)
    expect(stale.body.error).toBe('Some of these products changed since the preview (a sale, another edit): preview the file again')
    expect(await bySku(`${prefix}-STALE`)).toMatchObject({ price: 10, stock: 4 })

    const fresh = await importCsv(csv)
    expect(fresh.body.data.rows[0].changes).toEqual({ price: { before: 10, after: 12 }, stock: { before: 4, after: 5 } })
    const applied = await admin.request('/api/admin/products/import', { method: 'POST', json: { csv, apply: true, token: fresh.body.data.token } })
    expect(applied.status).toBe(200)
    await admin.request(`/api/products/${product.id}`, { method: 'PUT', json: { is_active: false } })
  })

  it('imports its own export back as unchanged, formula-looking names included', async () => {
    await existing('FORMULA', { name: '=HYPERLINK("http://evil") Import test', description: 'Line one\nline "two", with a comma' })
    const exported = await admin.request(`/api/admin/products/export.csv?keyword=${encodeURIComponent('Import test')}`)
    expect(exported.text).toContain('\'=HYPERLINK')
    const res = await importCsv(exported.text)
    expect(res.status).toBe(200)
    expect(res.body.data.summary.unchanged).toBeGreaterThan(0)
    expect(res.body.data.summary).toMatchObject({ create: 0, update: 0, reject: 0 })
  })

  it('refuses a file it cannot read, with the reason', async () => {
    const cases: [string, string][] = [
      ['sku,name,colour\nA,B,red', 'Unknown column "colour": the columns are sku, name, category, price, vat_rate, cost, stock, is_active, description'],
      ['name,price\nTea,3', 'The header has no "sku" column: rows are matched to products by SKU'],
      ['sku,name,sku\nA,B,C', 'The column "sku" appears twice'],
      [HEADER, 'The file has a header but no rows'],
      [`${HEADER}\n${Array.from({ length: 5001 }, (_, i) => `S${i},Tea,,1,,,,`).join('\n')}`, 'The file has 5001 rows: import at most 5000 at a time'],
    ]
    for (const [csv, message] of cases) {
      const res = await importCsv(csv)
      expect(res.status).toBe(400)
      expect(res.body).toEqual({ error: message, details: { csv: [message] } })
    }
    const unclosed = await importCsv(`${HEADER}\nA,"Tea,3`)
    expect(unclosed.status).toBe(400)
    expect(unclosed.body.error).toMatch(/^The file is not valid CSV: /)
    expectNothingInternal(unclosed.text)
    expect((await importCsv('')).body.details).toEqual({ csv: ['The file is empty'] })
  })

  it('is for admins only', async () => {
    const { session } = await registered('importer')
    expect((await importCsv(`${HEADER}\n${prefix}-X,Import test x,,1,,,,`, true, session)).status).toBe(403)
    expect((await request('/api/admin/products/import', { method: 'POST', json: { csv: 'sku\nA' } })).status).toBe(401)
    expect(await bySku(`${prefix}-X`)).toBeUndefined()
  })

  it('two imports creating the same SKU at once leave one product', async () => {
    const csv = `${HEADER}\n${prefix}-RACE,Import test race,Tea,8,,4,,`
    const results = await Promise.all([importCsv(csv, true), importCsv(csv, true)])
    for (const res of results) expect([200, 409]).toContain(res.status)
    expect(results.some(res => res.status === 200)).toBe(true)
    const all = (await admin.request(`/api/products?include_inactive=true&limit=100&keyword=race`)).body.data
    expect(all.filter((p: { sku: string }) => p.sku === `${prefix}-RACE`)).toHaveLength(1)
  })
})
