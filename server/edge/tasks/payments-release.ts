import { withJobDatabase } from '#platform/database'
import { releaseUnpaidOrders } from '../../services/orders'
import { retryPendingRefunds } from '../../services/payments'

/** The edge's Cron Trigger for the payments job (every minute): unpaid orders released, card refunds retried. */
export default defineTask({
  meta: { name: 'payments:release', description: 'Cancels orders unpaid in time and retries card refunds' },
  async run({ context }) {
    const env = (context as { cloudflare?: { env: Record<string, unknown> } }).cloudflare?.env
    return { result: await withJobDatabase(env, async db => ({ released: await releaseUnpaidOrders(db), refunds: await retryPendingRefunds(db) })) }
  },
})
