import * as v from 'valibot'
import { IdParams, UserUpdateInput } from '#shared/schemas/auth'
import { revokeSessions } from '../../services/sessions'
import { adminUpdateUser, toUserJson } from '../../services/users'

export default defineEventHandler(async (event) => {
  const admin = actorOf(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const input = await readValidatedBody(event, v.parser(UserUpdateInput))
  const user = await adminUpdateUser(useDb(), admin, id, input)
  // Deactivation takes effect at once: the auth check refuses the account, and its sessions end.
  if (input.is_active === false) await revokeSessions(useDb(), { userId: id })
  return { data: toUserJson(user) }
})
