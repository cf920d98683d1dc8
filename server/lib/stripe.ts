import Stripe from 'stripe'
import { useConfig } from './config'

let client: { key: string, stripe: Stripe } | undefined

/**
 * The Stripe SDK as this shop uses it: through `fetch` and Web Crypto (the same code in
 * Node and in workerd), no telemetry, and, when STRIPE_API_URL is set, talking to that
 * origin instead of api.stripe.com (a local stand-in: test/support/stripe-stand-in.ts).
 * Undefined when card payments are not configured.
 */
export function useStripe() {
  const config = useConfig().stripe
  if (!config) return undefined
  if (client?.key !== config.secretKey) {
    const api = config.apiUrl ? new URL(config.apiUrl) : undefined
    client = {
      key: config.secretKey,
      stripe: new Stripe(config.secretKey, {
        httpClient: Stripe.createFetchHttpClient(),
        telemetry: false,
        maxNetworkRetries: 2,
        timeout: 20_000,
        ...(api ? { host: api.hostname, port: api.port || (api.protocol === 'https:' ? 443 : 80), protocol: api.protocol === 'https:' ? 'https' : 'http' } : {}),
      }),
    }
  }
  return client.stripe
}

const crypto = Stripe.createSubtleCryptoProvider()

/** A webhook's event, if its signature is Stripe's (the shared secret, within five minutes); otherwise it throws. */
export function verifyStripeEvent(payload: string, signature: string, secret: string) {
  return Stripe.webhooks.constructEventAsync(payload, signature, secret, 300, crypto)
}
