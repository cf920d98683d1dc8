import { PLATFORM } from '#platform'
import { releaseUnpaidOrders } from '../services/orders'
import { retryPendingRefunds } from '../services/payments'

const EVERY_MS = 5_000

/**
 * Every five seconds: orders whose payment did not come in time are cancelled and their
 * stock released, and card refunds that never reached Stripe are sent again. Each
 * instance runs it; the order's row lock lets one of them act on each order.
 */
export default defineNitroPlugin((nitroApp) => {
  // On the edge a Cron Trigger runs the `payments:release` task instead.
  if (PLATFORM === 'edge') return
  let running = false
  async function tick() {
    if (!isDatabaseReady() || running) return
    running = true
    try {
      const released = await releaseUnpaidOrders(useDb())
      if (released > 0) logger.info('unpaid orders released', { released })
      await retryPendingRefunds(useDb())
    }
    catch (error) {
      logger.warn('payments job failed', { error: (error as Error).message })
    }
    finally {
      running = false
    }
  }
  const timer = setInterval(tick, EVERY_MS).unref()
  nitroApp.hooks.hook('close', () => clearInterval(timer))
})
