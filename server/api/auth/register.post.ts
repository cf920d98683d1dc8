import * as v from 'valibot'
import { RegisterInput } from '#shared/schemas/auth'
import { RATE_LIMITS } from '../../services/rate-limits'
import { registerUser, toUserJson } from '../../services/users'

export default defineEventHandler(async (event) => {
  const input = await readValidatedBody(event, v.parser(RegisterInput))
  await countAttempt([[`register:${addressSubject(event)}`, RATE_LIMITS.registerPerAddress]], 'Too many new accounts from this address; try again later')
  // The account's language is the page's it registered from (its API calls name it), unless chosen.
  const user = await registerUser(useDb(), { ...input, locale: input.locale ?? requestLocale(event) }, verificationLink)
  await signIn(event, user.id)
  setResponseStatus(event, 201)
  return { data: { user: toUserJson(user) } }
})
