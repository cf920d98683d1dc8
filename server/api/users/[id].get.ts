import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { findUser, toUserJson } from '../../services/users'

export default defineEventHandler(async (event) => {
  const session = requireUser(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  // Someone else's account is "not found" to a customer: its existence is not theirs to know.
  const user = session.isAdmin || session.id === id ? await findUser(useDb(), id) : undefined
  if (!user) throw apiError(404, 'User not found')
  return { data: toUserJson(user) }
})
