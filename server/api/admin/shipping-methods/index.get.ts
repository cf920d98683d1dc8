import { listShippingMethods } from '../../../services/shipping'

export default defineEventHandler(async (event) => {
  requireAdmin(event)
  return { data: await listShippingMethods(useDb()) }
})
