/** An order's life: the database enum, the API's values and the pages' badges all come from here. */
export const ORDER_STATUSES = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'] as const
export type OrderStatus = typeof ORDER_STATUSES[number]

/** The legal moves of an order. Cancelling is possible until it ships. */
export const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
}

export function canMove(from: OrderStatus, to: OrderStatus) {
  return NEXT_STATUSES[from].includes(to)
}
