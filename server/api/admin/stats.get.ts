import { dashboardStats } from '../../services/stats'

export default defineEventHandler(async (event) => {
  requireAdmin(event)
  return { data: await dashboardStats(useDb()) }
})
