import { RATE_LIMITS } from '../../../services/rate-limits'
import { queueVerificationMail } from '../../../services/users'

/** Mails a new confirmation link to the signed-in user's address, a few times an hour at most. */
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  if (user.emailVerified) throw apiError(409, 'This address is already confirmed')
  await countAttempt([[`verification-mail:${user.id}`, RATE_LIMITS.verificationMailPerAccount]], 'A confirmation link was sent several times already; check your mailbox, or try again later')
  await queueVerificationMail(useDb(), user, verificationLink)
  return { message: `A new confirmation link is on its way to ${user.email}` }
})
