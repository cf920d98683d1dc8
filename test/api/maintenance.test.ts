import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogChanges, emailOutbox, idempotencyKeys, orders, products, rateLimits, refreshTokens, revokedAccessTokens, users } from '../../drizzle/schema'
import { pruneExpired } from '../../server/services/maintenance'
import { enqueueEmail, MAX_ATTEMPTS } from '../../server/services/mail'
import { createOrder } from '../../server/services/orders'
import { RATE_LIMITS } from '../../server/services/rate-limits'
import { rotateRefreshToken, SESSIONS_PER_USER, startSession } from '../../server/services/sessions'
import { openMigratedTestDatabase } from '../support/database'

/** Services on a real database of their own (PGlite, or PostgreSQL when DATABASE_URL is set). */
let handle: Awaited<ReturnType<typeof openMigratedTestDatabase>>

beforeAll(async () => {
  handle = await openMigratedTestDatabase('maintenance')
})
afterAll(() => handle.close())

let n = 0
async function newUser() {
  const [user] = await handle.db.insert(users).values({ email: `m${++n}@test.example`, username: `maint${n}`, passwordHash: 'x', emailVerifiedAt: new Date() }).returning()
  return user!
}

const rotation = { ttlSeconds: 3600, meta: { userAgent: 'Browser/1.0' }, secret: 'test-secret-that-is-at-least-32-bytes-long' }

describe('pruneExpired', () => {
  it('deletes what can no longer matter, and nothing live', async () => {
    const { db } = handle
    const user = await newUser()
    const past = new Date(Date.now() - 60_000)
    const future = new Date(Date.now() + 60_000)
    const [family, ended] = [randomUUID(), randomUUID()]
    await db.insert(refreshTokens).values([
      { userId: user.id, familyId: family, tokenHash: 'expired', expiresAt: past },
      { userId: user.id, familyId: family, tokenHash: 'live', expiresAt: future },
      { userId: user.id, familyId: ended, tokenHash: 'ended-long-ago', expiresAt: future, revokedAt: new Date(Date.now() - 2 * 3600_000) },
      { userId: user.id, familyId: ended, tokenHash: 'ended-just-now', expiresAt: future, revokedAt: new Date() },
    ])
    await db.insert(revokedAccessTokens).values([{ jti: 'old', expiresAt: past }, { jti: 'current', expiresAt: future }])
    await db.insert(rateLimits).values([{ key: 'old', count: 3, resetAt: past }, { key: 'current', count: 3, resetAt: future }])
    await db.insert(idempotencyKeys).values([
      { userId: user.id, key: 'old', requestHash: 'h', expiresAt: past },
      { userId: user.id, key: 'current', requestHash: 'h', expiresAt: future },
    ])
    const days = (d: number) => new Date(Date.now() - d * 86_400_000)
    await db.insert(emailOutbox).values([
      { recipient: 'a@test.example', subject: 'sent long ago', textBody: '.', sentAt: days(31) },
      { recipient: 'a@test.example', subject: 'sent lately', textBody: '.', sentAt: days(29) },
      { recipient: 'a@test.example', subject: 'never sent, old', textBody: '.', createdAt: days(40) },
    ])
    // The edge's record of catalog changes: its isolates read it every few seconds, so a day is plenty.
    await db.insert(catalogChanges).values([{ productIds: 'yesterday', createdAt: days(1.1) }, { productIds: 'today', createdAt: days(0.9) }])

    expect(await pruneExpired(db)).toEqual({ refreshTokens: 2, revokedAccessTokens: 1, rateLimits: 1, idempotencyKeys: 1, sentMails: 1, catalogChanges: 1 })
    expect((await db.select().from(refreshTokens)).map(r => r.tokenHash).sort()).toEqual(['ended-just-now', 'live'])
    expect((await db.select().from(revokedAccessTokens)).map(r => r.jti)).toEqual(['current'])
    expect((await db.select().from(rateLimits)).map(r => r.key)).toEqual(['current'])
    expect((await db.select().from(idempotencyKeys)).map(r => r.key)).toEqual(['current'])
    expect((await db.select().from(emailOutbox)).map(r => r.subject).sort()).toEqual(['never sent, old', 'sent lately'])
    expect((await db.select().from(catalogChanges)).map(r => r.productIds)).toEqual(['today'])
  })
})

describe('refresh tokens', () => {
  it('keep at most two rows per session however often it is renewed', async () => {
    const user = await newUser()
    const session = await startSession(handle.db, user.id, 3600, rotation.meta)
    let token = session.token
    for (let i = 0; i < 50; i++) {
      const result = await rotateRefreshToken(handle.db, token, rotation)
      if (!result.ok) throw new Error(result.reason)
      token = result.token
    }
    const rows = await handle.db.select().from(refreshTokens).where(eq(refreshTokens.familyId, session.sessionId))
    expect(rows.length).toBe(2)
  })

  it('keep at most SESSIONS_PER_USER sessions per user: a new sign-in ends the oldest', async () => {
    const user = await newUser()
    const first = await startSession(handle.db, user.id, 3600, rotation.meta)
    for (let i = 0; i < SESSIONS_PER_USER; i++) await startSession(handle.db, user.id, 3600, rotation.meta)
    const families = await handle.db.selectDistinct({ familyId: refreshTokens.familyId }).from(refreshTokens).where(eq(refreshTokens.userId, user.id))
    expect(families.length).toBe(SESSIONS_PER_USER)
    expect(families.map(f => f.familyId)).not.toContain(first.sessionId)
  })
})

describe('an Idempotency-Key', () => {
  it('replays its order within 24 hours, and is free again past them even before pruning', async () => {
    const { db } = handle
    const user = await newUser()
    const [product] = await db.insert(products).values({ name: 'Key test', priceCents: 500, stock: 10 }).returning()
    const buyer = { id: user.id, email: user.email, emailVerified: true }
    const input = { items: [{ product_id: product!.id, quantity: 1 }], shipping_address: 'Somewhere 1', notes: null }
    const first = await createOrder(db, buyer, input, 'key-1')
    const replay = await createOrder(db, buyer, input, 'key-1')
    expect(replay).toMatchObject({ replayed: true, order: { id: first.order.id } })
    await db.update(idempotencyKeys).set({ expiresAt: sql`now() - interval '1 second'` }).where(and(eq(idempotencyKeys.userId, user.id), eq(idempotencyKeys.key, 'key-1')))
    const later = await createOrder(db, buyer, input, 'key-1')
    expect(later.replayed).toBe(false)
    expect(later.order.id).not.toBe(first.order.id)
    expect((await db.select().from(orders).where(eq(orders.userId, user.id))).length).toBe(2)
  })
})

describe('mail about one account', () => {
  it('is held past the hourly cap, kept unsent with the reason', async () => {
    const { db } = handle
    const user = await newUser()
    const cap = RATE_LIMITS.mailPerAccount.limit
    for (let i = 0; i <= cap; i++) await enqueueEmail(db, { userId: user.id, to: user.email, subject: `Mail ${i}`, text: '.' })
    const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.recipient, user.email))
    const held = rows.filter(row => row.attempts === MAX_ATTEMPTS)
    expect(rows.length).toBe(cap + 1)
    expect(held.map(row => row.subject)).toEqual([`Mail ${cap}`])
    expect(held[0]!.lastError).toMatch(/^held: more than 30 mails an hour/)
  })
})
