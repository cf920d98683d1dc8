import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rateLimits, refreshTokens, revokedAccessTokens, users } from '../../drizzle/schema'
import { pruneExpired } from '../../server/services/sessions'
import { openMigratedTestDatabase } from '../support/database'

/** The pruning service on a real database of its own (PGlite, or PostgreSQL when DATABASE_URL is set). */
let handle: Awaited<ReturnType<typeof openMigratedTestDatabase>>

beforeAll(async () => {
  handle = await openMigratedTestDatabase('prune')
})
afterAll(() => handle.close())

describe('pruneExpired', () => {
  it('deletes expired refresh tokens, denials and rate-limit windows, and nothing live', async () => {
    const { db } = handle
    const [user] = await db.insert(users).values({ email: 'p@test.example', username: 'prune', passwordHash: 'x' }).returning()
    const past = new Date(Date.now() - 60_000)
    const future = new Date(Date.now() + 60_000)
    const family = randomUUID()
    await db.insert(refreshTokens).values([
      { userId: user!.id, familyId: family, tokenHash: 'expired', expiresAt: past },
      { userId: user!.id, familyId: family, tokenHash: 'live', expiresAt: future },
    ])
    await db.insert(revokedAccessTokens).values([{ jti: 'old', expiresAt: past }, { jti: 'current', expiresAt: future }])
    await db.insert(rateLimits).values([{ key: 'old', count: 3, resetAt: past }, { key: 'current', count: 3, resetAt: future }])

    expect(await pruneExpired(db)).toEqual({ refreshTokens: 1, revokedAccessTokens: 1, rateLimits: 1 })
    expect((await db.select().from(refreshTokens)).map(r => r.tokenHash)).toEqual(['live'])
    expect((await db.select().from(revokedAccessTokens)).map(r => r.jti)).toEqual(['current'])
    expect((await db.select().from(rateLimits)).map(r => r.key)).toEqual(['current'])
  })
})
