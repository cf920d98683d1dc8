import { availablePaymentMethods, paymentWindowSeconds } from '../../services/payments'

/** What checkout offers: the payment methods configured, and how long each holds an unpaid order. */
export default defineEventHandler(() => {
  return { data: availablePaymentMethods().map(method => ({ method, window_seconds: paymentWindowSeconds(method) })) }
})
