import * as v from 'valibot'
import { EmailVerificationInput } from '#shared/schemas/auth'
import { confirmEmail, findUser, toUserJson } from '../../services/users'

const invalidLink = () => apiError(400, 'Validation failed', { details: { token: ['This link is not valid or has expired; ask for a new one from your account page'] } })

/** Follows a mailed confirmation link: the token alone says whose address it is (no session needed). */
export default defineEventHandler(async (event) => {
  const { token } = await readValidatedBody(event, v.parser(EmailVerificationInput))
  const claims = await readVerificationToken(token)
  if (!claims) throw invalidLink()
  const user = await confirmEmail(useDb(), claims.userId, claims.email)
  if (!user) {
    const current = await findUser(useDb(), claims.userId)
    if (current?.emailVerifiedAt && current.email === claims.email) throw apiError(409, 'This address is already confirmed')
    throw invalidLink()
  }
  return { data: { user: toUserJson(user) } }
})
