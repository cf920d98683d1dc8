import http from 'node:http'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseURL, behindBalancer, expectNothingInternal, request } from './http'
import { registered, signedInAdmin } from './session'
import type { Session } from './session'

let admin: Session
beforeAll(async () => {
  admin = (await signedInAdmin()).session
})

const made: string[] = []
afterAll(async () => {
  for (const id of made) await admin.request(`/api/products/${id}`, { method: 'DELETE' })
})

async function newProduct() {
  const res = await admin.request('/api/products', { method: 'POST', json: { name: `Image test ${Date.now()}-${made.length}`, price: 20, stock: 3 } })
  made.push(res.body.data.id)
  return res.body.data as { id: string, updated_at: string }
}

function picture(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' = 'png', red = 200) {
  return sharp({ create: { width, height, channels: 3, background: { r: red, g: 120, b: 40 } } }).toFormat(format).toBuffer()
}

function upload(session: Session, productId: string, bytes: Uint8Array<ArrayBuffer>, { filename = 'photo.png', type = 'image/png', field = 'image' } = {}) {
  const form = new FormData()
  form.append(field, new Blob([bytes], { type }), filename)
  return session.request(`/api/products/${productId}/image`, { method: 'PUT', body: form })
}

/** The variant URLs of a product's image, by width, from its `srcset`. */
function variants(image: { srcset: string }) {
  return Object.fromEntries(image.srcset.split(', ').map((entry) => {
    const [url, width] = entry.split(' ')
    return [Number.parseInt(width!), url!]
  })) as Record<number, string>
}

async function fetchImage(url: string) {
  const res = await fetch(baseURL + url)
  return { res, bytes: Buffer.from(await res.arrayBuffer()) }
}

describe('product images', () => {
  it('turns an upload into WebP variants of three widths, served with year-long caching', async () => {
    const product = await newProduct()
    const res = await upload(admin, product.id, await picture(1600, 1200))
    expect(res.status).toBe(200)
    const image = res.body.data.image
    const urls = variants(image)
    expect(Object.keys(urls).map(Number)).toEqual([320, 640, 1280])
    expect(image.src).toBe(urls[640])
    expect(image.large).toBe(urls[1280])
    for (const [width, url] of Object.entries(urls)) {
      const { res: served, bytes } = await fetchImage(url)
      expect(served.status).toBe(200)
      expect(served.headers.get('content-type')).toBe('image/webp')
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      const metadata = await sharp(bytes).metadata()
      expect(metadata).toMatchObject({ format: 'webp', width: Number(width), height: Number(width) * 3 / 4 })
    }
    // The storefront sees it at once (its cached copy of the product is dropped).
    expect((await request(`/api/products/${product.id}`)).body.data.image).toEqual(image)
  })

  it('applies the camera orientation, drops EXIF data and never enlarges', async () => {
    const product = await newProduct()
    // 900 × 400 as stored, "rotate 90°" in EXIF: a portrait photo of 400 × 900, with a GPS-like comment.
    const photo = await sharp(await picture(900, 400, 'jpeg')).withMetadata({ orientation: 6, exif: { IFD0: { ImageDescription: 'secret place' } } }).jpeg().toBuffer()
    const res = await upload(admin, product.id, photo, { filename: 'photo.jpg', type: 'image/jpeg' })
    expect(res.status).toBe(200)
    const urls = variants(res.body.data.image)
    const small = await sharp((await fetchImage(urls[320]!)).bytes).metadata()
    expect(small).toMatchObject({ width: 320, height: 720 })
    expect(small.exif).toBeUndefined()
    const large = await sharp((await fetchImage(urls[1280]!)).bytes).metadata()
    expect(large).toMatchObject({ width: 400, height: 900 })
  })

  it('replaces an image and removes the old files; removing the image leaves the placeholder', async () => {
    const product = await newProduct()
    const first = variants((await upload(admin, product.id, await picture(800, 800, 'png', 10))).body.data.image)
    const second = await upload(admin, product.id, await picture(800, 800, 'webp', 250))
    expect(second.status).toBe(200)
    const current = variants(second.body.data.image)
    expect(current[640]).not.toBe(first[640])
    expect((await fetchImage(first[640]!)).res.status).toBe(404)
    expect((await fetchImage(current[640]!)).res.status).toBe(200)

    const audit = await admin.request(`/api/admin/audit?entity=product&limit=10`)
    const entries = audit.body.data.filter((e: { entity_id: string, action: string }) => e.entity_id === product.id && e.action === 'product.image')
    expect(entries).toHaveLength(2)
    expect(entries[0].before.image_key).toBe(first[640]!.replace(/^\/images\/(.*)-640\.webp$/, '$1'))

    const removed = await admin.request(`/api/products/${product.id}/image`, { method: 'DELETE' })
    expect(removed.status).toBe(200)
    expect(removed.body.data.image).toBeNull()
    for (const url of Object.values(current)) expect((await fetchImage(url)).res.status).toBe(404)
  })

  it('keeps the files of the photo in place when uploads race, and no others', async () => {
    const product = await newProduct()
    const bytes = await picture(600, 600)
    const first = (await upload(admin, product.id, bytes)).body.data.image
    const [again, other] = await Promise.all([upload(admin, product.id, bytes), upload(admin, product.id, await picture(600, 600, 'png', 30))])
    expect([again.status, other.status]).toEqual([200, 200])
    const current = (await admin.request(`/api/products/${product.id}`)).body.data.image
    for (const url of Object.values(variants(current))) expect((await fetchImage(url)).res.status).toBe(200)
    const replaced = [first, again.body.data.image, other.body.data.image].filter(image => image.src !== current.src)
    expect(replaced).toHaveLength(2)
    for (const image of replaced) expect((await fetchImage(image.src)).res.status).toBe(404)
  })

  it('removing a photo that is not there changes nothing', async () => {
    const product = await newProduct()
    const res = await admin.request(`/api/products/${product.id}/image`, { method: 'DELETE' })
    expect(res.status).toBe(200)
    expect(res.body.data).toMatchObject({ image: null, updated_at: product.updated_at })
    const audit = (await admin.request('/api/admin/audit?entity=product&limit=20')).body.data
    expect(audit.filter((e: { entity_id: string, action: string }) => e.entity_id === product.id && e.action === 'product.image')).toEqual([])
  })

  it('removes the files with the product', async () => {
    const product = await newProduct()
    const image = (await upload(admin, product.id, await picture(500, 500))).body.data.image
    expect((await admin.request(`/api/products/${product.id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await fetchImage(image.src)).res.status).toBe(404)
  })
})

describe('image validation', () => {
  let productId: string
  let kept: { src: string }
  beforeAll(async () => {
    productId = (await newProduct()).id
    kept = (await upload(admin, productId, await picture(640, 480))).body.data.image
  })
  afterAll(async () => {
    // Nothing below changed the product or its files.
    expect((await admin.request(`/api/products/${productId}`)).body.data.image.src).toBe(kept.src)
    expect((await fetchImage(kept.src)).res.status).toBe(200)
  })

  it.each([
    ['a text file named .png', () => Buffer.from('not an image at all'), 400, 'The file is not an image'],
    ['a GIF', () => picture(400, 400, 'gif'), 415, 'Images must be JPEG, PNG or WebP (this file is GIF)'],
    ['an SVG (scripts can ride in it)', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><script>alert(1)</script></svg>'), 415, 'Images must be JPEG, PNG or WebP (this file is SVG)'],
    ['a thumbnail below 200 px', () => picture(400, 150), 400, 'The image is too small: at least 200 × 200 pixels'],
    ['a truncated JPEG', async () => (await picture(800, 800, 'jpeg')).subarray(0, 600), 400, 'The image could not be decoded (damaged or truncated file)'],
    ['a decompression bomb (small file, 64 megapixels)', () => picture(8000, 8000), 400, 'The image is too large (at most 40 megapixels)'],
    ['an animated WebP', async () => sharp([await picture(300, 300), await picture(300, 300, 'png', 10)], { join: { animated: true } }).webp().toBuffer(), 400, 'Animated images are not accepted'],
  ])('refuses %s with a reason for the field', async (_label, make, status, message) => {
    const res = await upload(admin, productId, await make())
    expect(res.status).toBe(status)
    expect(res.body.details).toEqual({ image: [message] })
    expectNothingInternal(res.text)
  })

  it('refuses a file above 8 MB, before reading the request when it says it is larger', async () => {
    for (const bytes of [8 * 1024 * 1024 + 1, 9 * 1024 * 1024]) {
      const res = await upload(admin, productId, Buffer.alloc(bytes))
      expect(res.status).toBe(413)
      expect(res.body.details).toEqual({ image: ['The file must be at most 8 MB'] })
    }
  })

  it('wants one file in the image field, as multipart', async () => {
    expect((await upload(admin, productId, await picture(300, 300), { field: 'photo' })).status).toBe(400)
    const json = await admin.request(`/api/products/${productId}/image`, { method: 'PUT', json: { image: 'data:image/png;base64,AAAA' } })
    expect(json.status).toBe(415)
  })

  it('is for admins only, on products that exist', async () => {
    const bytes = await picture(300, 300)
    const { session: customer } = await registered('imagethief')
    expect((await upload(customer, productId, bytes)).status).toBe(403)
    const guest = new FormData()
    guest.append('image', new Blob([bytes]), 'x.png')
    expect((await request(`/api/products/${productId}/image`, { method: 'PUT', body: guest, headers: { origin: baseURL } })).status).toBe(401)
    expect((await upload(admin, '00000000-0000-4000-8000-000000000000', bytes)).status).toBe(404)
    expect((await customer.request(`/api/products/${productId}/image`, { method: 'DELETE' })).status).toBe(403)
  })

  it('serves nothing but image variants from /images, whatever the path tries', async () => {
    // Sent byte for byte (fetch would tidy `..` away before sending).
    const raw = (path: string) => new Promise<{ status: number, type: string }>((resolve, reject) => {
      http.get(baseURL + '/', { path }, (res) => {
        res.resume()
        resolve({ status: res.statusCode!, type: String(res.headers['content-type']) })
      }).on('error', reject)
    })
    const productDir = kept.src.slice(8, kept.src.lastIndexOf('/'))
    for (const path of [
      '/images/../nuxt.config.ts',
      '/images/%2e%2e/%2e%2e/etc/passwd',
      `/images/${productDir}/..%2F..%2F..%2Fpackage.json`,
      `/images/${productDir}%2F..%2F..%2F..%2F.data%2Fpglite%2FPG_VERSION`,
      '/images/products/x.webp',
      `/images/${kept.src.slice(8).replace('-640', '-641')}`,
    ]) {
      const res = await raw(path)
      // nginx itself refuses (400) a path whose dot segments climb above the root.
      expect(res.status, path).toBe(behindBalancer && path.includes('%2e%2e/%2e%2e') ? 400 : 404)
      expect(res.type).not.toContain('webp')
    }
    expect((await raw(kept.src)).status).toBe(200)
  })
})
