import { withJobDatabase } from '#platform/database'
import { sendDueMails } from '../../services/mail'

/** The edge's Cron Trigger for mail (every minute): sends what is due, retries included. */
export default defineTask({
  meta: { name: 'mail:send', description: 'Sends the outbox\'s due mails' },
  async run({ context }) {
    const env = (context as { cloudflare?: { env: Record<string, unknown> } }).cloudflare?.env
    return { result: await withJobDatabase(env, sendDueMails) }
  },
})
