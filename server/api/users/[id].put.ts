import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { UserUpdateInput } from '#shared/schemas/users'
import { adminUpdateUser, toUserJson } from '../../services/users'

export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const input = await readValidatedBody(event, v.parser(UserUpdateInput))
  const user = await adminUpdateUser(useDb(), auditActor(event, admin), id, input)
  return { data: toUserJson(user) }
})
