import { PLATFORM } from '#platform'
import { MAIL_CHANNEL, sendDueMails } from '../services/mail'

const EVERY_MS = 2_000

/**
 * Sends what the outbox holds, in the server process: at once when a transaction that
 * queued a mail commits (NOTIFY, on every instance: the claim lets one send it), and every
 * two seconds for retries. A failed send is retried later with a growing delay; it never
 * touches the order that queued it.
 */
export default defineNitroPlugin((nitroApp) => {
  // The edge has no process to keep a timer in: a Cron Trigger runs the `mail:send` task instead.
  if (PLATFORM === 'edge') return
  let running = false
  let again = false
  async function tick() {
    if (!isDatabaseReady()) return
    if (running) {
      again = true
      return
    }
    running = true
    again = false
    try {
      await sendDueMails(useDb())
    }
    catch (error) {
      logger.warn('mail worker tick failed', { error: (error as Error).message })
    }
    finally {
      running = false
      if (again) void tick()
    }
  }
  databaseReady().then(() => listenToDatabase(MAIL_CHANNEL, () => void tick()), () => {})
  const timer = setInterval(tick, EVERY_MS).unref()
  nitroApp.hooks.hook('close', () => clearInterval(timer))
})
