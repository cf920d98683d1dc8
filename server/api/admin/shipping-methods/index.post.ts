import * as v from 'valibot'
import { ShippingMethodInput } from '#shared/schemas/shipping'
import { createShippingMethod } from '../../../services/shipping'

export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const input = await readValidatedBody(event, v.parser(ShippingMethodInput))
  setResponseStatus(event, 201)
  return { data: await createShippingMethod(useDb(), input, auditActor(event, admin)) }
})
