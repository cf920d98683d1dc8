import { listDiscounts } from '../../../services/discounts'

export default defineEventHandler(async (event) => {
  requireAdmin(event)
  return { data: await listDiscounts(useDb()) }
})
