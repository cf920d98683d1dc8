import { beforeAll, describe, expect, it } from 'vitest'
import { TEST_JWT_SECRET } from '../support/server'
import { baseURL } from './http'
import { mailsTo, verificationToken } from './mailbox'
import { ADDRESS, productFactory } from './orders-helpers'
import { registered, Session, signedInAdmin, uniqueAccount } from './session'

let admin: Session
beforeAll(async () => {
  admin = (await signedInAdmin()).session
})
const newProduct = productFactory(() => admin)

const confirm = (token: string) => new Session().request('/api/auth/verify-email', { method: 'POST', json: { token } })

describe('a new account', () => {
  it('gets one confirmation mail, in the shop\'s own words, with a link to SITE_URL whatever the Host', async () => {
    const account = { ...uniqueAccount('confirm'), full_name: 'Win a prize at https://evil.example' }
    const res = await new Session().request('/api/auth/register', { method: 'POST', json: account, headers: { 'x-forwarded-host': 'evil.example' } })
    expect(res.status).toBe(201)
    const mails = await mailsTo(account.email, 2)
    expect(mails.length).toBe(1)
    expect(mails[0]).toContain('Subject: Confirm your e-mail address for Comptoir')
    expect(mails[0]).toContain(`${baseURL}/verify-email?token=`)
    // Nothing the registrant typed, nor the Host they sent, reaches a mailbox nobody has confirmed yet.
    expect(mails[0]).not.toContain('evil.example')
    expect(mails[0]).not.toContain('prize')
  })

  it('cannot order until the address is confirmed; the link works once', async () => {
    const product = await newProduct()
    const { session, account } = await registered('unconfirmed', { verified: false })
    expect((await session.request('/api/auth/profile')).body.data.email_verified).toBe(false)
    const order = () => session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: product.id, quantity: 1 }], shipping_address: ADDRESS } })
    const refused = await order()
    expect(refused.status).toBe(403)
    expect(refused.body.details).toEqual({ email: ['Not confirmed yet'] })
    expect((await admin.request(`/api/products/${product.id}`)).body.data.stock).toBe(10)
    // No order mail went out either.
    expect((await mailsTo(account.email, 2)).length).toBe(1)

    const token = await verificationToken(account.email)
    const confirmed = await confirm(token)
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.data.user.email_verified).toBe(true)
    expect((await confirm(token)).status).toBe(409)
    expect((await order()).status).toBe(201)
  })

  it('refuses a forged, tampered or foreign token, and changes nothing', async () => {
    const { session, account, user } = await registered('forger', { verified: false })
    const token = await verificationToken(account.email)
    const [header, payload, signature] = token.split('.')
    const otherPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), email: 'someone@else.example' })).toString('base64url')
    const { SignJWT } = await import('jose')
    const key = new TextEncoder().encode(TEST_JWT_SECRET)
    const forgedAudience = await new SignJWT({ email: account.email }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id).setAudience('comptoir').setExpirationTime('1h').sign(key)
    const expired = await new SignJWT({ email: account.email }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id).setAudience('comptoir-verify-email').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(key)
    for (const bad of [`${header}.${otherPayload}.${signature}`, `${header}.${payload}.${'A'.repeat(signature!.length)}`, forgedAudience, expired, 'x'.repeat(2001), '']) {
      const res = await confirm(bad)
      expect(res.status, bad.slice(0, 20)).toBe(400)
      expect(Object.keys(res.body.details)).toEqual(['token'])
    }
    // An access token is not a confirmation link.
    expect((await confirm(session.access!)).status).toBe(400)
    expect((await session.request('/api/auth/profile')).body.data.email_verified).toBe(false)
  })

  it('may ask for a new link three times an hour', async () => {
    const { session, account } = await registered('resend', { verified: false })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await session.request('/api/auth/verify-email/resend', { method: 'POST' })).status)
    // The API test server runs with RATE_LIMIT=off: every resend is sent; the cap is tested where limits are on.
    expect(statuses).toEqual([200, 200, 200, 200])
    expect((await mailsTo(account.email, 5)).length).toBe(5)
    await confirm(await verificationToken(account.email))
    expect((await session.request('/api/auth/verify-email/resend', { method: 'POST' })).status).toBe(409)
    expect((await new Session().request('/api/auth/verify-email/resend', { method: 'POST' })).status).toBe(401)
  })
})
