import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import postgres from 'postgres'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ROOT } from '../support/build'
import { EDGE_STATE } from '../support/server'
import { baseURL, expectNothingInternal } from './http'
import { mailsTo } from './mailbox'
import { Session, signedInAdmin } from './session'

// Run only against the edge bundle (TEST_TARGET=edge): what it does differently from the Node server.

let admin: Session
let productId: string
beforeAll(async () => {
  admin = (await signedInAdmin()).session
  productId = (await admin.request('/api/products', { method: 'POST', json: { name: `Edge photo ${Date.now()}`, price: 5, stock: 1 } })).body.data.id
})
afterAll(async () => {
  await admin.request(`/api/products/${productId}`, { method: 'DELETE' })
})

describe('the edge bundle', () => {
  it('answers a photo upload with 501, saying the Node server processes photos, and changes nothing', async () => {
    const form = new FormData()
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c86428' } }).png().toBuffer()
    form.append('image', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'photo.png')
    const res = await admin.request(`/api/products/${productId}/image`, { method: 'PUT', body: form })
    expect(res.status).toBe(501)
    expect(res.body.error).toMatch(/Node server/)
    expectNothingInternal(res.text)
    expect((await admin.request(`/api/products/${productId}`)).body.data.image).toBeNull()
  })

  it('sends a mail the mail API refused once when its Cron Trigger runs after the retry delay, with a connection of its own', { timeout: 60_000 }, async () => {
    const email = `bounce-once-${Date.now()}@test.example`
    const res = await new Session().request('/api/auth/register', { method: 'POST', json: { email, username: `bounce${Date.now()}`, password: 'correct horse battery' } })
    expect(res.status).toBe(201)
    // Sent after the response and refused by the (stand-in) mail API: nothing arrives.
    expect(await mailsTo(email, 1)).toEqual([])
    // The first retry is due 30 s later (retryDelaySeconds); then the every-minute trigger sends it.
    await new Promise(resolve => setTimeout(resolve, 31_000))
    const ran = await fetch(`${baseURL}/__scheduled?cron=${encodeURIComponent('* * * * *')}`)
    expect(await ran.text()).toBe('Ran scheduled event')
    const [mail] = await mailsTo(email, 1)
    expect(mail).toContain('/verify-email?token=')
  })

  it('drops a product from its caches within seconds when another isolate records a change to it', async () => {
    const sql = postgres(inject('databaseUrl'), { max: 1 })
    try {
      const read = async () => (await fetch(`${baseURL}/api/products/${productId}`).then(r => r.json()) as { data: { price: number } }).data.price
      expect(await read()).toBe(5)
      // Another isolate's change, as it writes it: the row, then the record of the change (server/platform/edge/catalog.ts).
      await sql.begin(async (tx) => {
        await tx`update products set price_cents = 725 where id = ${productId}`
        await tx`insert into catalog_changes (product_ids) values (${productId})`
      })
      expect(await read()).toBe(5)
      await new Promise(resolve => setTimeout(resolve, 2_500))
      expect(await read()).toBe(7.25)
    }
    finally {
      await sql.end()
    }
  })

  it('serves a photo from the shared bucket (R2; Miniflare\'s locally) with year-long caching, and nothing else from it', async () => {
    const path = `products/${productId}/0123456789abcdef-320.webp`
    const webp = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#2f6f4f' } }).webp().toBuffer()
    const file = join(dirname(inject('serverLog')), 'photo.webp')
    writeFileSync(file, webp)
    // As the Node server would have written it: into the bucket the Worker binds as IMAGES.
    execFileSync(process.execPath, [join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'r2', 'object', 'put', `comptoir-images/${path}`, '--file', file, '--local',
      '--persist-to', join(dirname(inject('serverLog')), EDGE_STATE), '--config', join(ROOT, '.output-edge/server/wrangler.json')], { env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' }, stdio: 'pipe' })

    const res = await fetch(`${baseURL}/images/${path}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/webp')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(Buffer.from(await res.arrayBuffer()).equals(webp)).toBe(true)
    for (const other of [`products/${productId}/0123456789abcdef-321.webp`, `products/${productId}/..%2F..%2Fphoto.webp`, 'products/x/y.webp']) {
      expect((await fetch(`${baseURL}/images/${other}`)).status).toBe(404)
    }
  })

  it('knows each client\'s address from CF-Connecting-IP (rate limits and the audit log count by it)', async () => {
    const res = await admin.request('/api/admin/audit?entity=product&limit=50')
    const created = res.body.data.find((entry: { action: string, entity_id: string }) => entry.action === 'product.create' && entry.entity_id === productId)
    expect(created.ip_address).toBe('127.0.0.1')
  })
})
