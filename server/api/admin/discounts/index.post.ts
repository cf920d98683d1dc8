import * as v from 'valibot'
import { DiscountCreateInput } from '#shared/schemas/discounts'
import { createDiscount } from '../../../services/discounts'

export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const input = await readValidatedBody(event, v.parser(DiscountCreateInput))
  setResponseStatus(event, 201)
  return { data: await createDiscount(useDb(), input, auditActor(event, admin)) }
})
