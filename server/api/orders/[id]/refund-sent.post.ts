import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { getOrder } from '../../../services/orders'
import { markRefundSent } from '../../../services/payments'

/** An admin records that the bank transfer refunding an order was sent. */
export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  await markRefundSent(useDb(), id, auditActor(event, admin))
  return { data: (await getOrder(useDb(), id))! }
})
