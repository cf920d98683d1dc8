import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { ShippingMethodInput } from '#shared/schemas/shipping'
import { updateShippingMethod } from '../../../services/shipping'

/** Replaces a method's settings (the admin form sends them all); orders keep the name and price they were placed with. */
export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const input = await readValidatedBody(event, v.parser(ShippingMethodInput))
  return { data: await updateShippingMethod(useDb(), id, input, auditActor(event, admin)) }
})
