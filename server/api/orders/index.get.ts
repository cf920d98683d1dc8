import * as v from 'valibot'
import { OrderListQuery } from '#shared/schemas/orders'
import { listOrders } from '../../services/orders'

/** Customers see their own orders, newest first; admins see everyone's and may filter. */
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const query = await getValidatedQuery(event, v.parser(OrderListQuery))
  return listOrders(useDb(), query, { userId: user.isAdmin ? undefined : user.id })
})
