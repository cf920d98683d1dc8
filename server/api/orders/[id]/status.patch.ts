import * as v from 'valibot'
import { IdParams } from '#shared/schemas/auth'
import { OrderStatusInput } from '#shared/schemas/orders'
import { moveOrder } from '../../../services/orders'

export default defineEventHandler(async (event) => {
  const admin = actorOf(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const { status } = await readValidatedBody(event, v.parser(OrderStatusInput))
  const order = await moveOrder(useDb(), id, status, { id: admin.id, audit: admin })
  if (status === 'cancelled') invalidateCatalog(order.items.map(item => item.product_id))
  return { data: order }
})
