import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import { refreshTokens, revokedAccessTokens, users } from '../../drizzle/schema'
import type { Database } from '../database/client'

export interface ClientMeta {
  userAgent?: string
  ipAddress?: string
}

/** Only the SHA-256 of a refresh token is stored: a database leak gives no usable token. */
export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

const clip = (userAgent: string | undefined) => userAgent?.slice(0, 300) ?? null

function newRefreshToken() {
  return randomBytes(32).toString('base64url')
}

/** Sessions a user keeps at once: a new sign-in past this ends the least recently renewed ones. */
export const SESSIONS_PER_USER = 20

/** Starts a session (a refresh-token family) and returns its first refresh token. */
export async function startSession(db: Database, userId: string, ttlSeconds: number, meta: ClientMeta) {
  const token = newRefreshToken()
  const familyId = randomUUID()
  await db.delete(refreshTokens).where(and(eq(refreshTokens.userId, userId), sql`${refreshTokens.familyId} in (
    select ${refreshTokens.familyId} from ${refreshTokens} where ${refreshTokens.userId} = ${userId} and ${refreshTokens.revokedAt} is null
    group by ${refreshTokens.familyId} order by max(${refreshTokens.createdAt}) desc offset ${SESSIONS_PER_USER - 1})`))
  await db.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    userAgent: clip(meta.userAgent),
    ipAddress: meta.ipAddress,
  })
  return { token, sessionId: familyId }
}

export type RotationResult
  = | { ok: true, userId: string, sessionId: string, token: string }
    | { ok: false, reason: 'unknown' | 'reused' | 'expired' | 'inactive' }

/** A second use of a rotated token this soon, by the same browser, is a lost response or a second tab, not a theft. */
export const REUSE_GRACE_SECONDS = 10

export interface RotationOptions {
  ttlSeconds: number
  meta: ClientMeta
  /** Server-side secret from which each token's successor is derived (HMAC): a token alone never yields the next. */
  secret: string
}

/**
 * The token that follows `token` in its family. Derived rather than random, so that a
 * second use within the grace can be answered with the successor already issued, while
 * the database still holds nothing but hashes.
 */
function successorOf(token: string, secret: string) {
  return createHmac('sha256', secret).update(`refresh-successor:${token}`).digest('base64url')
}

/**
 * Trades a refresh token for the next one of its family. The old one is marked rotated by
 * one conditional UPDATE, so of two concurrent uses only one rotates; the other, like any
 * second use within REUSE_GRACE_SECONDS from the same browser (same User-Agent), gets the
 * successor already issued. Any other use of a rotated or revoked token means it was
 * copied: the whole family is revoked. A family keeps at most two rows: when a token is
 * used, the one it replaced is deleted (a copy of that older token is then merely unknown).
 */
export async function rotateRefreshToken(db: Database, token: string, { ttlSeconds, meta, secret }: RotationOptions): Promise<RotationResult> {
  const tokenHash = hashToken(token)
  const next = successorOf(token, secret)
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
      const [known] = await tx.select({
        id: refreshTokens.id,
        userId: refreshTokens.userId,
        familyId: refreshTokens.familyId,
        expired: sql<boolean>`${refreshTokens.expiresAt} <= now()`,
        rotated: sql<boolean>`${refreshTokens.rotatedAt} is not null`,
        revoked: sql<boolean>`${refreshTokens.revokedAt} is not null`,
        inGrace: sql<boolean>`${refreshTokens.rotatedAt} > now() - make_interval(secs => ${REUSE_GRACE_SECONDS})`,
      }).from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash))
      if (!known) return { ok: false, reason: 'unknown' }
      if (known.expired && !known.rotated && !known.revoked) return { ok: false, reason: 'expired' }
      if (known.inGrace && !known.revoked) {
        const [successor] = await tx.select({ userAgent: refreshTokens.userAgent }).from(refreshTokens).where(and(
          eq(refreshTokens.tokenHash, hashToken(next)),
          eq(refreshTokens.parentId, known.id),
          isNull(refreshTokens.rotatedAt),
          isNull(refreshTokens.revokedAt),
        ))
        if (successor && successor.userAgent === clip(meta.userAgent)) {
          return { ok: true, userId: known.userId, sessionId: known.familyId, token: next }
        }
      }
      await revokeSessions(tx, { familyId: known.familyId })
      return { ok: false, reason: 'reused' }
    }
    const [owner] = await tx.select({ isActive: users.isActive }).from(users).where(eq(users.id, current.userId))
    if (!owner?.isActive) {
      await revokeSessions(tx, { familyId: current.familyId })
      return { ok: false, reason: 'inactive' }
    }
    await tx.insert(refreshTokens).values({
      userId: current.userId,
      familyId: current.familyId,
      parentId: current.id,
      tokenHash: hashToken(next),
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
      userAgent: clip(meta.userAgent),
      ipAddress: meta.ipAddress,
    })
    if (current.parentId) await tx.delete(refreshTokens).where(eq(refreshTokens.id, current.parentId))
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
 * is still active (its row: whether an admin now, its profile), the token is not denied,
 * its session lives.
 */
export async function loadSessionUser(db: Database, claims: { sub: string, jti: string, sid: string }) {
  const [row] = await db.select({
    user: users,
    denied: sql<boolean>`exists (select 1 from ${revokedAccessTokens} where ${revokedAccessTokens.jti} = ${claims.jti})`,
    live: sql<boolean>`exists (select 1 from ${refreshTokens} where ${refreshTokens.familyId} = ${claims.sid} and ${refreshTokens.revokedAt} is null)`,
  }).from(users).where(and(eq(users.id, claims.sub), eq(users.isActive, true)))
  if (!row || row.denied || !row.live) return null
  return row.user
}
