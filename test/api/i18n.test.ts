import { beforeAll, describe, expect, it } from 'vitest'
import { oneInstanceURL, page, request } from './http'
import { mailsTo, verificationToken } from './mailbox'
import { ADDRESS, productFactory } from './orders-helpers'
import { Session, signedInAdmin, uniqueAccount } from './session'

// Each instance keeps its own page cache: through a cluster, these tests talk to one of them.
const load = (path: string, headers?: Record<string, string>) => page(path, headers, oneInstanceURL)
/** A page load that does not follow a redirect, to see it. */
const visit = (path: string, headers: Record<string, string> = {}) => request(path, { headers: { accept: 'text/html', ...headers }, redirect: 'manual' }, oneInstanceURL)
/** Prices in French: `12,90 €`, with a no-break space (narrow or not, as the ICU version writes it). */
const frenchPrice = (amount: string) => new RegExp(`${amount}[\\u00A0\\u202F]€`)

let admin: Session
beforeAll(async () => {
  admin = (await signedInAdmin(oneInstanceURL)).session
})
const newProduct = productFactory(() => admin)

describe('the language of a page', () => {
  it('sends a first visit to / in French to /fr, and nobody else, without a loop', async () => {
    const french = await visit('/', { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.8' })
    expect(french.status).toBe(302)
    expect(french.headers.get('location')).toBe('/fr')
    expect(french.headers.get('vary')).toMatch(/Accept-Language/i)
    expect((await visit('/?utm_source=mail', { 'accept-language': 'fr' })).headers.get('location')).toBe('/fr?utm_source=mail')
    // English, another language, none at all (a crawler), or French weighted below English: English, here.
    for (const header of ['en-GB,en;q=0.9', 'de-DE', '', 'en;q=0.9,fr;q=0.5', 'fr;q=0', '*']) {
      expect((await visit('/', header ? { 'accept-language': header } : {})).status, header).toBe(200)
    }
    // Whoever asked for English with the switch stays in English; /fr never sends anyone away.
    expect((await visit('/', { 'accept-language': 'fr', 'cookie': 'comptoir_locale=en' })).status).toBe(200)
    expect((await visit('/', { 'accept-language': 'en', 'cookie': 'comptoir_locale=fr' })).headers.get('location')).toBe('/fr')
    for (const header of ['fr', 'en', '']) expect((await visit('/fr', { 'accept-language': header })).status).toBe(200)
    // A forged cookie is no language.
    expect((await visit('/', { cookie: 'comptoir_locale=%2F%2Fevil.example' })).status).toBe(200)
  })

  it('renders a product page in French at /fr, with its prices in French and both languages linked', async () => {
    const product = await newProduct({ price: 12.9 })
    const english = await load(`/products/${product.id}`)
    const french = await load(`/fr/products/${product.id}`)
    expect(french.status).toBe(200)
    expect(english.text).toMatch(/<html[^>]* lang="en"/)
    expect(french.text).toMatch(/<html[^>]* lang="fr"/)
    expect(english.text).toContain('€12.90')
    expect(french.text).toMatch(frenchPrice('12,90'))
    expect(french.text).toContain('Ajouter au panier')
    // Product names stay as the admin wrote them.
    expect(french.text).toContain(product.name)
    for (const text of [english.text, french.text]) {
      expect(text).toContain(`hreflang="en" href="${oneInstanceURL}/products/${product.id}"`)
      expect(text).toContain(`hreflang="fr" href="${oneInstanceURL}/fr/products/${product.id}"`)
      expect(text).toContain(`hreflang="x-default" href="${oneInstanceURL}/products/${product.id}"`)
    }
    expect(french.text).toContain('<meta property="og:locale" content="fr_FR">')
    expect(english.text).toContain('<meta property="og:locale" content="en_IE">')
  })

  it('keeps each language of a page in the cache under its own key, and a theme under its own', async () => {
    const product = await newProduct({ price: 21 })
    expect((await load(`/products/${product.id}`)).headers.get('x-page-cache')).toBe('miss')
    const french = await load(`/fr/products/${product.id}`)
    expect(french.headers.get('x-page-cache')).toBe('miss')
    expect(french.text).toMatch(frenchPrice('21,00'))
    const again = await load(`/fr/products/${product.id}`)
    expect(again.headers.get('x-page-cache')).toBe('hit')
    expect(again.text).toBe(french.text)
    // The language switch's cookie changes nothing on a product page: the visitor still gets the kept page.
    expect((await load(`/fr/products/${product.id}`, { cookie: 'comptoir_locale=fr' })).headers.get('x-page-cache')).toBe('hit')
    // A chosen theme is rendered by the server, and kept apart.
    const dark = await load(`/fr/products/${product.id}`, { cookie: 'comptoir_theme=dark' })
    expect(dark.headers.get('x-page-cache')).toBe('miss')
    expect(dark.text).toMatch(/<html[^>]* class="dark"/)
    expect((await load(`/fr/products/${product.id}`, { cookie: 'comptoir_theme=dark' })).headers.get('x-page-cache')).toBe('hit')
    // A theme cookie the shop does not write (quoted, which the page's own cookie reader still takes as dark) is not kept for others.
    expect((await load(`/fr/products/${product.id}`, { cookie: 'comptoir_theme=%22dark%22' })).headers.get('x-page-cache')).toBeNull()
    expect((await load(`/fr/products/${product.id}`)).text).not.toMatch(/<html[^>]* class="dark"/)
    // Any other cookie still means a page made for that visitor.
    expect((await load(`/fr/products/${product.id}`, { cookie: 'comptoir_theme=dark; comptoir_cart=x' })).headers.get('x-page-cache')).toBeNull()
  })

  it('lists every page in both languages in the sitemap, each naming the other', async () => {
    const product = await newProduct({ price: 5 })
    const { text } = await request('/sitemap.xml', {}, oneInstanceURL)
    expect(text).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"')
    expect(text).toContain(`<loc>${oneInstanceURL}/fr/products/${product.id}</loc>`)
    expect(text).toContain(`<loc>${oneInstanceURL}/products/${product.id}</loc>`)
    expect(text).toContain(`<xhtml:link rel="alternate" hreflang="fr" href="${oneInstanceURL}/fr/products/${product.id}"/>`)
    expect(text).toContain(`<loc>${oneInstanceURL}/fr</loc>`)
  })
})

describe('the language of the API', () => {
  it('answers validation failures in the language asked for, and in English otherwise', async () => {
    const bad = { email: 'not-an-email', username: 'a', password: 'short' }
    const french = await request('/api/auth/register', { method: 'POST', json: bad, headers: { 'origin': oneInstanceURL, 'accept-language': 'fr-FR,fr;q=0.9' } }, oneInstanceURL)
    expect(french.status).toBe(400)
    expect(french.headers.get('content-language')).toBe('fr')
    expect(french.body.error).not.toBe('Validation failed')
    for (const field of ['email', 'username', 'password']) {
      expect(french.body.details[field]).toHaveLength(1)
      expect(french.body.details[field][0]).not.toMatch(/ must | is /)
    }
    const english = await request('/api/auth/register', { method: 'POST', json: bad, headers: { origin: oneInstanceURL } }, oneInstanceURL)
    expect(english.body).toEqual({ error: 'Validation failed', details: { email: ['email must be a valid address'], username: ['username must be 3 to 32 letters, digits, dots, dashes or underscores'], password: ['password must be at least 8 characters'] } })
    expect(Object.keys(french.body.details).sort()).toEqual(Object.keys(english.body.details).sort())
  })

  it('answers a flood of bad input in French as fast as in English: the quoted input cut short, fifty details at most', async () => {
    const headers = { 'origin': oneInstanceURL, 'accept-language': 'fr' }
    const quoted = await request('/api/auth/login', { method: 'POST', json: ' must be  to '.repeat(60_000), headers }, oneInstanceURL)
    expect(quoted.status).toBe(400)
    expect(quoted.text.length).toBeLessThan(1000)
    const items = await request('/api/cart/quote', { method: 'POST', json: { items: Array.from({ length: 5000 }, () => 'x') }, headers }, oneInstanceURL)
    expect(items.status).toBe(400)
    expect(Object.keys(items.body.details).length).toBeLessThanOrEqual(50)
  })

  it('keeps an account\'s language, takes it from the page it registered on, and writes its mails in it', async () => {
    const session = new Session(oneInstanceURL)
    const account = uniqueAccount('francais')
    const res = await session.request('/api/auth/register', { method: 'POST', json: account, headers: { 'accept-language': 'fr' } })
    expect(res.status).toBe(201)
    expect(res.body.data.user.locale).toBe('fr')
    const [mail] = await mailsTo(account.email, 1)
    expect(mail).toContain('Subject: Confirmez votre adresse e-mail pour Comptoir')
    // Its link opens the French page.
    expect(mail).toMatch(/\/fr\/verify-email\?token=/)
    expect((await new Session(oneInstanceURL).request('/api/auth/verify-email', { method: 'POST', json: { token: await verificationToken(account.email) } })).status).toBe(200)

    // Without Accept-Language (a script, say), the API answers in the account's language.
    const refused = await session.request('/api/orders', { method: 'POST', json: { items: [] } })
    expect(refused.status).toBe(400)
    expect(refused.headers.get('content-language')).toBe('fr')

    const product = await newProduct({ price: 8.5 })
    const placed = await session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: product.id, quantity: 2 }], shipping_address: ADDRESS } })
    expect(placed.status).toBe(201)
    const confirmation = (await mailsTo(account.email, 2))[1]
    expect(confirmation).toContain(`Subject: Votre commande Comptoir ${placed.body.data.id.slice(0, 8)}`)
    expect(confirmation).toMatch(new RegExp(`Total hors taxes : ${frenchPrice('14,17').source}`))
    expect(confirmation).toMatch(new RegExp(`TVA 20[\\u00A0\\u202F]% sur ${frenchPrice('14,17').source} : ${frenchPrice('2,83').source}`))

    // Back to English on the account page: the next mail is in English.
    const changed = await session.request('/api/auth/profile', { method: 'PUT', json: { locale: 'en' } })
    expect(changed.status).toBe(200)
    expect(changed.body.data.locale).toBe('en')
    await admin.request(`/api/orders/${placed.body.data.id}/status`, { method: 'PATCH', json: { status: 'confirmed' } })
    expect((await mailsTo(account.email, 3))[2]).toContain('has been confirmed')
  })

  it('refuses a language the shop does not speak, and changes nothing', async () => {
    const session = new Session(oneInstanceURL)
    const account = uniqueAccount('langue')
    await session.request('/api/auth/register', { method: 'POST', json: { ...account, locale: 'en' } })
    for (const locale of ['de', 'FR', ' fr', 'fr%00', '', 1, null]) {
      const res = await session.request('/api/auth/profile', { method: 'PUT', json: { locale } })
      expect(res.status, String(locale)).toBe(400)
      expect(res.body.details.locale).toEqual(['locale must be en or fr'])
    }
    expect((await session.request('/api/auth/profile')).body.data.locale).toBe('en')
  })
})
