import * as v from 'valibot'
import { LoginInput } from '#shared/schemas/auth'
import { authenticate, recordLogin, toUserJson } from '../../services/users'
import { clearRateLimit, hitRateLimit, peekRateLimit, RATE_LIMITS } from '../../services/rate-limits'

const INVALID = 'Invalid email or password'

export default defineEventHandler(async (event) => {
  const { email, password } = await readValidatedBody(event, v.parser(LoginInput))
  const db = useDb()
  const limited = useConfig().rateLimit
  const keys = { account: `login:account:${email}`, address: `login:address:${clientAddress(event) ?? 'unknown'}` }

  if (limited) {
    const [account, address] = await Promise.all([peekRateLimit(db, keys.account), peekRateLimit(db, keys.address)])
    const blocked = [
      account.count >= RATE_LIMITS.loginPerAccount.limit ? account : undefined,
      address.count >= RATE_LIMITS.loginPerAddress.limit ? address : undefined,
    ].filter(state => state !== undefined)
    if (blocked.length > 0) {
      const retryAfter = Math.max(...blocked.map(state => state.retryAfter))
      throw apiError(429, 'Too many failed sign-ins; try again later', { headers: { 'Retry-After': String(retryAfter) } })
    }
  }

  const user = await authenticate(db, email, password)
  if (!user) {
    if (limited) {
      await Promise.all([hitRateLimit(db, keys.account, RATE_LIMITS.loginPerAccount), hitRateLimit(db, keys.address, RATE_LIMITS.loginPerAddress)])
    }
    throw apiError(401, INVALID)
  }
  // Only someone who knows the password learns that the account is deactivated.
  if (!user.isActive) throw apiError(403, 'This account has been deactivated')

  if (limited) await clearRateLimit(db, keys.account)
  await recordLogin(db, user.id)
  await signIn(event, user.id)
  return { data: { user: toUserJson({ ...user, lastLogin: new Date() }) } }
})
