import { and, asc, count, desc, eq, gte, lte, notInArray, sql, sum } from 'drizzle-orm'
import { orderItems, orders, products } from '../../drizzle/schema'
import { centsToAmount } from '#shared/utils/money'
import type { OrderStatus } from '#shared/utils/order-status'
import { ORDER_STATUSES } from '#shared/utils/order-status'
import type { DashboardStats } from '#shared/types/stats'
import type { Database } from '../database/client'

export const STATS_DAYS = 30
export const LOW_STOCK_THRESHOLD = 10

/**
 * The dashboard's figures, each one query: sales of the last 30 days (orders neither
 * cancelled nor still awaiting their payment), day by day in UTC; orders by status; best sellers by units and by profit
 * (price paid minus cost captured at order time); and for low-stock products, how many
 * days the stock lasts at the last 30 days' pace.
 */
export async function dashboardStats(db: Database): Promise<DashboardStats> {
  // Midnight UTC, 29 days ago: the window holds today and the 29 days before.
  const since = sql`(date_trunc('day', now() at time zone 'utc') - make_interval(days => ${STATS_DAYS - 1})) at time zone 'utc'`
  const counted = notInArray(orders.status, ['cancelled', 'awaiting_payment'])
  const sold = and(counted, gte(orders.createdAt, since))
  const day = sql<string>`to_char(${orders.createdAt} at time zone 'utc', 'YYYY-MM-DD')`
  const units = sum(orderItems.quantity).mapWith(Number)
  // What the shop keeps: the lines' prices without VAT, less what the goods cost it.
  const profit = sql<number>`sum(${orderItems.netCents} - coalesce(${orderItems.unitCostCents}, 0)::bigint * ${orderItems.quantity})`.mapWith(Number)

  const recent = db.select({ productId: orderItems.productId, sold: sum(orderItems.quantity).as('sold') })
    .from(orderItems)
    .innerJoin(orders, and(eq(orders.id, orderItems.orderId), sold))
    .groupBy(orderItems.productId)
    .as('recent')

  const [daily, statuses, [lowStock], byUnits, byProfit, cover] = await Promise.all([
    db.select({ day, revenue: sum(orders.totalCents).mapWith(Number), orders: count() }).from(orders).where(sold).groupBy(day),
    db.select({ status: orders.status, orders: count() }).from(orders).groupBy(orders.status),
    db.select({ n: count() }).from(products).where(and(eq(products.isActive, true), lte(products.stock, LOW_STOCK_THRESHOLD))),
    db.select({ id: products.id, name: products.name, units }).from(orderItems)
      .innerJoin(orders, and(eq(orders.id, orderItems.orderId), counted))
      .innerJoin(products, eq(products.id, orderItems.productId))
      .groupBy(products.id).orderBy(desc(units), asc(products.name)).limit(5),
    db.select({ id: products.id, name: products.name, profit }).from(orderItems)
      .innerJoin(orders, and(eq(orders.id, orderItems.orderId), counted))
      .innerJoin(products, eq(products.id, orderItems.productId))
      .groupBy(products.id).orderBy(desc(profit), asc(products.name)).limit(5),
    db.select({ id: products.id, name: products.name, stock: products.stock, sold: sql<number>`coalesce(${recent.sold}, 0)`.mapWith(Number) })
      .from(products)
      .leftJoin(recent, eq(recent.productId, products.id))
      .where(and(eq(products.isActive, true), lte(products.stock, LOW_STOCK_THRESHOLD)))
      .orderBy(asc(products.stock), asc(products.name)),
  ])

  const byDay = new Map(daily.map(row => [row.day, row]))
  const today = new Date()
  const days = Array.from({ length: STATS_DAYS }, (_, i) => {
    const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (STATS_DAYS - 1 - i))).toISOString().slice(0, 10)
    const row = byDay.get(date)
    return { date, revenue: centsToAmount(row?.revenue ?? 0), orders: row?.orders ?? 0 }
  })
  const revenueCents = daily.reduce((total, row) => total + row.revenue, 0)
  const orderCount = daily.reduce((total, row) => total + row.orders, 0)
  const counts = new Map(statuses.map(row => [row.status, row.orders]))

  return {
    days: STATS_DAYS,
    revenue: centsToAmount(revenueCents),
    orders: orderCount,
    average_order_value: orderCount ? centsToAmount(Math.round(revenueCents / orderCount)) : 0,
    by_day: days,
    orders_by_status: Object.fromEntries(ORDER_STATUSES.map(status => [status, counts.get(status) ?? 0])) as Record<OrderStatus, number>,
    low_stock_count: lowStock?.n ?? 0,
    best_sellers_by_units: byUnits.map(row => ({ product_id: row.id, name: row.name, units: row.units })),
    best_sellers_by_profit: byProfit.map(row => ({ product_id: row.id, name: row.name, profit: centsToAmount(row.profit) })),
    stock_cover: cover.map((row) => {
      const perDay = row.sold / STATS_DAYS
      return { product_id: row.id, name: row.name, stock: row.stock, sold_30d: row.sold, cover_days: perDay > 0 ? Math.round((row.stock / perDay) * 10) / 10 : null }
    }),
  }
}
