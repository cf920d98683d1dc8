import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { OrderStatusInput } from '#shared/schemas/orders'
import { moveOrder } from '../../../services/orders'

export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const { status } = await readValidatedBody(event, v.parser(OrderStatusInput))
  const order = await moveOrder(useDb(), id, status, { id: admin.id, audit: auditActor(event, admin) })
  return { data: order }
})
