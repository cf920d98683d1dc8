import * as v from 'valibot'
import { UserListQuery } from '#shared/schemas/users'
import { listUsers } from '../../services/users'

export default defineEventHandler(async (event) => {
  requireAdmin(event)
  const query = await getValidatedQuery(event, v.parser(UserListQuery))
  return listUsers(useDb(), query)
})
