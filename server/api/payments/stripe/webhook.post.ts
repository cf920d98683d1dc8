import { handleStripeEvent } from '../../../services/payments'

/**
 * Stripe's webhook: the only way a card payment confirms an order. The signature is checked
 * against the raw body (the shared secret, a five-minute window), then each event acts once.
 */
export default defineEventHandler(async (event) => {
  const stripe = useConfig().stripe
  if (!stripe) throw apiError(404, 'Card payments are not configured')
  const signature = getRequestHeader(event, 'stripe-signature')
  const payload = await readRawBody(event, 'utf8')
  if (!signature || !payload) throw apiError(400, 'A signed Stripe event is expected')
  let verified
  try {
    verified = await verifyStripeEvent(payload, signature, stripe.webhookSecret)
  }
  catch {
    throw apiError(400, 'Invalid Stripe signature')
  }
  const outcome = await handleStripeEvent(useDb(), verified)
  return { received: true, outcome }
})
