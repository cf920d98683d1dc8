import type { emailOutbox } from '../../../drizzle/schema'
import { useConfig } from '../../lib/config'

type OutboxRow = typeof emailOutbox.$inferSelect

/**
 * Sends one queued mail on the edge, where there is no SMTP client: POSTed as JSON
 * (`{ from, to, subject, text, html }`) to MAIL_API_URL, a mail provider's HTTP API or a
 * small relay in front of one. Without it the mail stays in the outbox, retried later.
 */
export async function deliver(mail: OutboxRow) {
  const { mailApiUrl, mailFrom } = useConfig()
  if (!mailApiUrl) throw new Error('No mail transport on the edge: set MAIL_API_URL')
  const response = await fetch(mailApiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: mailFrom, to: mail.recipient, subject: mail.subject, text: mail.textBody, html: mail.htmlBody }),
  })
  if (!response.ok) throw new Error(`The mail API answered ${response.status}`)
}
