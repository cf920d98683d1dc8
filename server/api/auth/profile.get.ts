import { findUser, toUserJson } from '../../services/users'

export default defineEventHandler(async (event) => {
  const { id } = requireUser(event)
  const user = await findUser(useDb(), id)
  if (!user) throw apiError(401, 'Authentication required')
  return { data: toUserJson(user) }
})
