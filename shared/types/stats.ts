import type { OrderStatus } from '../utils/order-status'

/** `GET /api/admin/stats`. */
export interface DashboardStats {
  days: number
  revenue: number
  orders: number
  average_order_value: number
  by_day: { date: string, revenue: number, orders: number }[]
  orders_by_status: Record<OrderStatus, number>
  low_stock_count: number
  best_sellers_by_units: { product_id: string, name: string, units: number }[]
  best_sellers_by_profit: { product_id: string, name: string, profit: number }[]
  stock_cover: { product_id: string, name: string, stock: number, sold_30d: number, cover_days: number | null }[]
}
