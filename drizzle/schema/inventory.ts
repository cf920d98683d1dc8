import { sql } from 'drizzle-orm'
import { check, index, integer, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { id, timestamptz } from './columns.ts'
import { orders } from './orders.ts'
import { products } from './products.ts'
import { users } from './users.ts'

export const STOCK_MOVEMENT_REASONS = ['initial', 'order', 'cancel', 'adjustment', 'import'] as const
export const stockMovementReason = pgEnum('stock_movement_reason', STOCK_MOVEMENT_REASONS)

/** The stock ledger: every change of `products.stock` writes one row, so stock history can be replayed. */
export const stockMovements = pgTable('stock_movements', {
  id: id(),
  productId: uuid('product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
  delta: integer('delta').notNull(),
  stockAfter: integer('stock_after').notNull(),
  reason: stockMovementReason('reason').notNull(),
  note: text('note'),
  actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
  orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
}, t => [
  check('stock_movements_delta_nonzero', sql`${t.delta} <> 0`),
  check('stock_movements_stock_after_nonnegative', sql`${t.stockAfter} >= 0`),
  index('stock_movements_product_created_at_idx').on(t.productId, t.createdAt),
  index('stock_movements_order_idx').on(t.orderId),
])
