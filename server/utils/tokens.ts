import { randomUUID } from 'node:crypto'
import { jwtVerify, SignJWT } from 'jose'
import { useConfig } from './config'

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

export async function signAccessToken(userId: string, sessionId: string) {
  const jti = randomUUID()
  const expiresAt = new Date(Date.now() + useConfig().accessTokenTtl * 1000)
  const token = await new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(userId)
    .setJti(jti)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(signingKey())
  return { token, jti, expiresAt }
}

/**
 * The claims of a genuine, unexpired token, or null. The algorithm is pinned (no `none`,
 * no algorithm switching), and issuer, audience and the claims used later are required.
 */
export async function verifyAccessToken(token: string): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'jti', 'exp', 'sid'],
    })
    if (typeof payload.sid !== 'string') return null
    return { sub: payload.sub!, jti: payload.jti!, sid: payload.sid, exp: payload.exp! }
  }
  catch {
    return null
  }
}
