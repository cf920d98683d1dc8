import { findUser, toUserJson } from '../../services/users'

/** Rotates both cookies. A refresh token presented twice ends its whole session family. */
export default defineEventHandler(async (event) => {
  const result = await renewSession(event)
  if (!result.ok) {
    throw apiError(401, result.reason === 'reused' ? 'This session was ended because its refresh token was used twice' : 'Session expired; please sign in again')
  }
  const user = await findUser(useDb(), result.userId)
  return { data: { user: toUserJson(user!) } }
})
