import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { DiscountUpdateInput } from '#shared/schemas/discounts'
import { setDiscountActive } from '../../../services/discounts'

/** Pauses a code (checkouts refuse it at once) or offers it again. */
export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const { is_active } = await readValidatedBody(event, v.parser(DiscountUpdateInput))
  return { data: await setDiscountActive(useDb(), id, is_active, auditActor(event, admin)) }
})
