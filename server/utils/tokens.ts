import { randomUUID } from 'node:crypto'
import { jwtVerify, SignJWT } from 'jose'
import type { JWTPayload } from 'jose'
import { useConfig } from '../lib/config'

const ISSUER = 'comptoir'
const AUDIENCE = 'comptoir'

export interface AccessClaims {
  /** The user's id. */
  sub: string
  /** Unique id of this token, denied on logout. */
  jti: string
  /** The refresh-token family (session) it belongs to: revoking the family ends it too. */
  sid: string
  /** Expiry, seconds since the epoch. */
  exp: number
}

let key: Uint8Array | undefined
/** The HS256 key of every token the server signs (access tokens, device cookies, e-mail links); each kind has its own audience. */
export const signingKey = () => (key ??= new TextEncoder().encode(useConfig().jwtSecret))

/** A new HS256 token of one kind (its audience), to which the caller adds its claims before signing with `signingKey()`. */
export function newToken(audience: string, claims: JWTPayload = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setAudience(audience)
}

/**
 * The claims of a genuine, unexpired token of one kind, or null. The algorithm is pinned
 * (no `none`, no algorithm switching); the audience, and the claims the caller names, are required.
 */
export async function readToken(token: string, options: { audience: string, issuer?: string, requiredClaims: string[] }): Promise<JWTPayload | null> {
  try {
    return (await jwtVerify(token, signingKey(), { algorithms: ['HS256'], ...options })).payload
  }
  catch {
    return null
  }
}

export async function signAccessToken(userId: string, sessionId: string) {
  const jti = randomUUID()
  const expiresAt = new Date(Date.now() + useConfig().accessTokenTtl * 1000)
  const token = await newToken(AUDIENCE, { sid: sessionId })
    .setIssuer(ISSUER)
    .setSubject(userId)
    .setJti(jti)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(signingKey())
  return { token, jti, expiresAt }
}

/** The claims of a genuine, unexpired access token (issuer and the claims used later required), or null. */
export async function verifyAccessToken(token: string): Promise<AccessClaims | null> {
  const payload = await readToken(token, { issuer: ISSUER, audience: AUDIENCE, requiredClaims: ['sub', 'jti', 'exp', 'sid'] })
  if (!payload || typeof payload.sid !== 'string') return null
  return { sub: payload.sub!, jti: payload.jti!, sid: payload.sid, exp: payload.exp! }
}
