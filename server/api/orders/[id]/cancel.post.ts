import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { moveOrder } from '../../../services/orders'

/** The owner cancels while the order is pending or confirmed; an admin may cancel anyone's. */
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  // An admin's cancellation is an admin write: it goes to the audit log.
  const order = await moveOrder(useDb(), id, 'cancelled', { id: user.id, ownerOnly: !user.isAdmin, audit: user.isAdmin ? auditActor(event, user) : undefined })
  return { data: order }
})
