import * as v from 'valibot'
import { IdParams } from '#shared/schemas/auth'
import { moveOrder } from '../../../services/orders'

/** The owner cancels while the order is pending or confirmed; an admin may cancel anyone's. */
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const order = await moveOrder(useDb(), id, 'cancelled', { id: user.id, ownerOnly: !user.isAdmin })
  bumpCatalogVersion()
  return { data: order }
})
