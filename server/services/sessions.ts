import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm'
import { rateLimits, refreshTokens, revokedAccessTokens, users } from '../../drizzle/schema'
import type { Database } from '../database/client'

export interface ClientMeta {
  userAgent?: string
  ipAddress?: string
}

/** Only the SHA-256 of a refresh token is stored: a database leak gives no usable token. */
export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

function newRefreshToken() {
  return randomBytes(32).toString('base64url')
}

/** Starts a session (a refresh-token family) and returns its first refresh token. */
export async function startSession(db: Database, userId: string, ttlSeconds: number, meta: ClientMeta) {
  const token = newRefreshToken()
  const familyId = randomUUID()
  await db.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    userAgent: meta.userAgent?.slice(0, 300),
    ipAddress: meta.ipAddress,
  })
  return { token, sessionId: familyId }
}

export type RotationResult
  = | { ok: true, userId: string, sessionId: string, token: string }
    | { ok: false, reason: 'unknown' | 'reused' | 'expired' | 'inactive' }

/**
 * Trades a refresh token for a new one of the same family. The old one is marked rotated
 * by one conditional UPDATE, so of two concurrent uses only one can win. A token that was
 * already rotated or revoked coming back means it was copied: the whole family is revoked.
 */
export async function rotateRefreshToken(db: Database, token: string, ttlSeconds: number, meta: ClientMeta): Promise<RotationResult> {
  const tokenHash = hashToken(token)
  return db.transaction(async (tx) => {
    const [current] = await tx.update(refreshTokens)
      .set({ rotatedAt: sql`now()` })
      .where(and(
        eq(refreshTokens.tokenHash, tokenHash),
        isNull(refreshTokens.rotatedAt),
        isNull(refreshTokens.revokedAt),
        sql`${refreshTokens.expiresAt} > now()`,
      ))
      .returning()
    if (!current) {
      const [known] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash))
      if (!known) return { ok: false, reason: 'unknown' }
      if (known.expiresAt <= new Date() && !known.rotatedAt && !known.revokedAt) return { ok: false, reason: 'expired' }
      await tx.update(refreshTokens).set({ revokedAt: sql`now()` })
        .where(and(eq(refreshTokens.familyId, known.familyId), isNull(refreshTokens.revokedAt)))
      return { ok: false, reason: 'reused' }
    }
    const [owner] = await tx.select({ isActive: users.isActive }).from(users).where(eq(users.id, current.userId))
    if (!owner?.isActive) {
      await revokeSessions(tx, { familyId: current.familyId })
      return { ok: false, reason: 'inactive' }
    }
    const next = newRefreshToken()
    await tx.insert(refreshTokens).values({
      userId: current.userId,
      familyId: current.familyId,
      parentId: current.id,
      tokenHash: hashToken(next),
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
      userAgent: meta.userAgent?.slice(0, 300),
      ipAddress: meta.ipAddress,
    })
    return { ok: true, userId: current.userId, sessionId: current.familyId, token: next }
  })
}

/** The session a refresh token belongs to, if the token is known. */
export async function sessionOfRefreshToken(db: Database, token: string) {
  const [row] = await db.select({ familyId: refreshTokens.familyId }).from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(token)))
  return row?.familyId
}

/** Revokes one session, or every session of a user (optionally all but one). */
export async function revokeSessions(db: Database, target: { familyId: string } | { userId: string, except?: string }) {
  const scope = 'familyId' in target
    ? eq(refreshTokens.familyId, target.familyId)
    : and(eq(refreshTokens.userId, target.userId), target.except ? ne(refreshTokens.familyId, target.except) : undefined)
  await db.update(refreshTokens).set({ revokedAt: sql`now()` }).where(and(scope, isNull(refreshTokens.revokedAt)))
}

/** Denies one access token until it would have expired anyway. */
export async function denyAccessToken(db: Database, jti: string, expiresAt: Date) {
  await db.insert(revokedAccessTokens).values({ jti, expiresAt }).onConflictDoNothing()
}

/**
 * What the auth middleware needs to trust a verified token, in one round trip: the user
 * is still active (and whether an admin, now), the token is not denied, its session lives.
 */
export async function loadSessionUser(db: Database, claims: { sub: string, jti: string, sid: string }) {
  const [row] = await db.select({
    id: users.id,
    email: users.email,
    isAdmin: users.isAdmin,
    denied: sql<boolean>`exists (select 1 from ${revokedAccessTokens} where ${revokedAccessTokens.jti} = ${claims.jti})`,
    live: sql<boolean>`exists (select 1 from ${refreshTokens} where ${refreshTokens.familyId} = ${claims.sid} and ${refreshTokens.revokedAt} is null)`,
  }).from(users).where(and(eq(users.id, claims.sub), eq(users.isActive, true)))
  if (!row || row.denied || !row.live) return null
  return { id: row.id, email: row.email, isAdmin: row.isAdmin }
}

/** Deletes what can no longer matter: expired refresh tokens, denials and rate-limit windows. */
export async function pruneExpired(db: Database) {
  const now = sql`now()`
  const [tokens, denials, limits] = await Promise.all([
    db.delete(refreshTokens).where(lt(refreshTokens.expiresAt, now)).returning({ id: refreshTokens.id }),
    db.delete(revokedAccessTokens).where(lt(revokedAccessTokens.expiresAt, now)).returning({ jti: revokedAccessTokens.jti }),
    db.delete(rateLimits).where(lt(rateLimits.resetAt, now)).returning({ key: rateLimits.key }),
  ])
  return { refreshTokens: tokens.length, revokedAccessTokens: denials.length, rateLimits: limits.length }
}
