import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { getOrder } from '../../services/orders'

export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  // Ownership is part of the query: someone else's order is simply not found.
  const order = await getOrder(useDb(), id, { userId: user.isAdmin ? undefined : user.id })
  if (!order) throw apiError(404, 'Order not found')
  return { data: order }
})
