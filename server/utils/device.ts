import { createHash, randomUUID } from 'node:crypto'
import type { H3Event } from 'h3'
import { DEVICE_COOKIE } from './auth'
import { newToken, readToken, signingKey } from './tokens'

const AUDIENCE = 'comptoir-device'
const LIFETIME_SECONDS = 365 * 24 * 3600

/** The account a device cookie names: a hash, so the cookie never holds the e-mail itself. */
const accountTag = (email: string) => createHash('sha256').update(`device:${email}`).digest('base64url')

/**
 * The device cookie's id when this browser signed in to `email`'s account before, with the
 * right password (OWASP's "device cookies"): its sign-in attempts are counted on their own,
 * so failures sent from elsewhere never lock the owner out of a browser they use.
 */
export async function knownDevice(event: H3Event, email: string): Promise<string | undefined> {
  const token = getCookie(event, DEVICE_COOKIE)
  const payload = token ? await readToken(token, { audience: AUDIENCE, requiredClaims: ['sub', 'jti'] }) : null
  return payload?.sub === accountTag(email) ? payload.jti : undefined
}

/** Marks this browser as one the account's owner signs in with (one account per browser: the last). */
export async function rememberDevice(event: H3Event, email: string) {
  const token = await newToken(AUDIENCE)
    .setSubject(accountTag(email))
    .setJti(randomUUID())
    .setExpirationTime(Math.floor(Date.now() / 1000) + LIFETIME_SECONDS)
    .sign(signingKey())
  setCookie(event, DEVICE_COOKIE, token, { httpOnly: true, secure: !import.meta.dev, sameSite: 'lax', path: '/api/auth', maxAge: LIFETIME_SECONDS })
}
