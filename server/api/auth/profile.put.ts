import * as v from 'valibot'
import { ProfileUpdateInput } from '#shared/schemas/users'
import { RATE_LIMITS } from '../../services/rate-limits'
import { toUserJson, updateProfile } from '../../services/users'

export default defineEventHandler(async (event) => {
  const session = requireUser(event)
  const input = await readValidatedBody(event, v.parser(ProfileUpdateInput))
  // Checking the current password is a sign-in in disguise: counted before argon2, like one.
  const forgive = input.password === undefined
    ? undefined
    : await countAttempt([[`password-check:${session.id}`, RATE_LIMITS.passwordCheckPerAccount, 'clear']], 'Too many wrong current passwords; try again later')
  const user = await updateProfile(useDb(), session, input)
  await forgive?.()
  return { data: toUserJson(user) }
})
