import * as v from 'valibot'
import { LoginInput } from '#shared/schemas/auth'
import { RATE_LIMITS } from '../../services/rate-limits'
import { authenticate, recordLogin, toUserJson } from '../../services/users'

const INVALID = 'Invalid email or password'

/**
 * Every attempt is counted before the password is checked, so concurrent attempts cannot
 * outrun the limits: per address, and per account either for the browser that signed in
 * to it before (its device cookie) or, for every other browser, per address and (looser)
 * all addresses together. Failures sent from elsewhere never lock the owner out of their
 * own browser. A success gives its attempt back and clears its browser's or address's failures.
 */
export default defineEventHandler(async (event) => {
  const { email, password } = await readValidatedBody(event, v.parser(LoginInput))
  const address = addressSubject(event)
  const device = await knownDevice(event, email)
  const forgive = await countAttempt([
    [`login:address:${address}`, RATE_LIMITS.loginPerAddress],
    ...device
      ? [[`login:device:${device}`, RATE_LIMITS.loginPerDevice, 'clear'] as const]
      : [[`login:account-address:${email}|${address}`, RATE_LIMITS.loginPerAccountAndAddress, 'clear'] as const, [`login:account:${email}`, RATE_LIMITS.loginPerAccount] as const],
  ], 'Too many sign-in attempts; try again later')

  const db = useDb()
  const user = await authenticate(db, email, password)
  if (!user) throw apiError(401, INVALID)
  // Only someone who knows the password learns that the account is deactivated.
  if (!user.isActive) throw apiError(403, 'This account has been deactivated')

  await Promise.all([forgive(), recordLogin(db, user.id), signIn(event, user.id), rememberDevice(event, email)])
  return { data: { user: toUserJson({ ...user, lastLogin: new Date() }) } }
})
