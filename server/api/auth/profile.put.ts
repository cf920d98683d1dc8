import * as v from 'valibot'
import { ProfileUpdateInput } from '#shared/schemas/auth'
import { revokeSessions } from '../../services/sessions'
import { toUserJson, updateProfile } from '../../services/users'

export default defineEventHandler(async (event) => {
  const session = requireUser(event)
  const input = await readValidatedBody(event, v.parser(ProfileUpdateInput))
  const { user, passwordChanged } = await updateProfile(useDb(), session.id, input)
  // A new password ends every other session: whoever knew the old one is signed out.
  if (passwordChanged) await revokeSessions(useDb(), { userId: session.id, except: session.sessionId })
  return { data: toUserJson(user) }
})
