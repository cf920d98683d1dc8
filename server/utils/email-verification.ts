import type { ShopLocale } from '#shared/utils/locale'
import { DEFAULT_LOCALE } from '#shared/utils/locale'
import { useConfig } from '../lib/config'
import { newToken, readToken, signingKey } from './tokens'

const AUDIENCE = 'comptoir-verify-email'
export const VERIFICATION_LINK_HOURS = 48

/**
 * The link mailed to confirm an address: a signed token naming the account and the
 * address, under SITE_URL (never the request's Host, which a client chooses). It works
 * once: confirming sets `email_verified_at`, and a confirmed address takes no link.
 */
export async function verificationLink(user: { id: string, email: string, locale: ShopLocale }) {
  const token = await newToken(AUDIENCE, { email: user.email })
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime(`${VERIFICATION_LINK_HOURS}h`)
    .sign(signingKey())
  // The page in the account's language, like the mail.
  return `${useConfig().siteUrl}${user.locale === DEFAULT_LOCALE ? '' : `/${user.locale}`}/verify-email?token=${token}`
}

/** The account and address a genuine, unexpired link names, or null. */
export async function readVerificationToken(token: string): Promise<{ userId: string, email: string } | null> {
  const payload = await readToken(token, { audience: AUDIENCE, requiredClaims: ['sub', 'exp'] })
  return typeof payload?.email === 'string' ? { userId: payload.sub!, email: payload.email } : null
}
