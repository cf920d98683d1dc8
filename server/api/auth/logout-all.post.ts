import { denyAccessToken, revokeSessions } from '../../services/sessions'

/** Ends every session of the signed-in user, on every device, this one included. */
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  await denyAccessToken(useDb(), user.jti, user.expiresAt)
  await revokeSessions(useDb(), { userId: user.id })
  clearAuthCookies(event)
  return { message: 'Signed out everywhere' }
})
