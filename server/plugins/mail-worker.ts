import { claimDueEmails, MAIL_CHANNEL, markFailed, markSent } from '../services/mail'

const EVERY_MS = 2_000

/**
 * Sends what the outbox holds, in the server process: at once when a transaction that
 * queued a mail commits (NOTIFY, on every instance: the claim lets one send it), and every
 * two seconds for retries. A failed send is retried later with a growing delay; it never
 * touches the order that queued it.
 */
export default defineNitroPlugin((nitroApp) => {
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
      const db = useDb()
      for (const mail of await claimDueEmails(db)) {
        try {
          await deliver(mail)
          await markSent(db, mail.id)
          logger.info('mail sent', { mail_id: mail.id, to: mail.recipient })
        }
        catch (error) {
          await markFailed(db, mail.id, mail.attempts, (error as Error).message)
          logger.warn('mail failed, will retry', { mail_id: mail.id, attempts: mail.attempts, error: (error as Error).message })
        }
      }
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
