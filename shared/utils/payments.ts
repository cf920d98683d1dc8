/** How a customer may pay at checkout; each has one provider behind it (server/payments/). */
export const PAYMENT_METHODS = ['bank_transfer', 'card'] as const
export type PaymentMethod = typeof PAYMENT_METHODS[number]

export const PAYMENT_PROVIDERS = ['bank_transfer', 'stripe'] as const
export type PaymentProvider = typeof PAYMENT_PROVIDERS[number]

export const PROVIDER_OF: Record<PaymentMethod, PaymentProvider> = { bank_transfer: 'bank_transfer', card: 'stripe' }

/** A payment moves money in (`payment`) or back out (`refund`). */
export const PAYMENT_KINDS = ['payment', 'refund'] as const
export type PaymentKind = typeof PAYMENT_KINDS[number]

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'cancelled'] as const
export type PaymentStatus = typeof PAYMENT_STATUSES[number]

/** The reference a customer writes on a bank transfer: short, unambiguous, tied to one order. */
export function transferReference(orderId: string) {
  return `CMP-${orderId.replace(/-/g, '').slice(0, 10).toUpperCase()}`
}
