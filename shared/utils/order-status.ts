/** An order's life: the database enum, the API's values and the pages' badges all come from here. */
export const ORDER_STATUSES = ['awaiting_payment', 'pending', 'confirmed', 'shipped', 'delivered', 'cancelled'] as const
export type OrderStatus = typeof ORDER_STATUSES[number]

/**
 * The moves an admin or the customer may make. An order paid through the shop starts
 * `awaiting_payment` and only its payment confirms it (server/services/payments.ts); an
 * order placed without a payment method starts `pending`, paid outside the shop and
 * confirmed by an admin. Cancelling is possible until it ships.
 */
export const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
  awaiting_payment: ['cancelled'],
  pending: ['confirmed', 'cancelled'],
  confirmed: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
}

/** How pages name each status. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  awaiting_payment: 'Awaiting payment',
  pending: 'Pending',
  confirmed: 'Confirmed',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
}

export function canMove(from: OrderStatus, to: OrderStatus) {
  return NEXT_STATUSES[from].includes(to)
}
