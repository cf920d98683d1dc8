import * as v from 'valibot'
import { RegisterInput } from '#shared/schemas/auth'
import { hitRateLimit, RATE_LIMITS } from '../../services/rate-limits'
import { registerUser, toUserJson } from '../../services/users'

export default defineEventHandler(async (event) => {
  const input = await readValidatedBody(event, v.parser(RegisterInput))
  if (useConfig().rateLimit) {
    const { count, retryAfter } = await hitRateLimit(useDb(), `register:${clientAddress(event) ?? 'unknown'}`, RATE_LIMITS.registerPerAddress)
    if (count > RATE_LIMITS.registerPerAddress.limit) throw apiError(429, 'Too many new accounts from this address; try again later', { headers: { 'Retry-After': String(retryAfter) } })
  }
  const user = await registerUser(useDb(), input)
  await signIn(event, user.id)
  setResponseStatus(event, 201)
  return { data: { user: toUserJson(user) } }
})
