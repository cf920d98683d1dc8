import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNothingInternal } from './http'
import { signedInAdmin } from './session'
import type { Session } from './session'

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
})
