import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { getOrder } from '../../../services/orders'
import { markTransferReceived } from '../../../services/payments'

/** An admin records the bank transfer that pays an order: confirmed and invoiced (or refunded if cancelled meanwhile). */
export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  await markTransferReceived(useDb(), id, auditActor(event, admin))
  return { data: (await getOrder(useDb(), id))! }
})
