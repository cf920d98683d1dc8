import type { emailOutbox } from '../../../drizzle/schema'
import { useConfig } from '../../lib/config'

type OutboxRow = typeof emailOutbox.$inferSelect

export interface MailAttachment {
  filename: string
  contentType: string
  content: Uint8Array
}

/**
 * Sends one queued mail on the edge, where there is no SMTP client: POSTed as JSON
 * (`{ from, to, subject, text, html, attachments: [{ filename, content_type, content_base64 }] }`) to MAIL_API_URL, a mail provider's HTTP API or a
 * small relay in front of one. Without it the mail stays in the outbox, retried later.
 */
export async function deliver(mail: OutboxRow, attachments: MailAttachment[] = []) {
  const { mailApiUrl, mailFrom } = useConfig()
  if (!mailApiUrl) throw new Error('No mail transport on the edge: set MAIL_API_URL')
  const response = await fetch(mailApiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      from: mailFrom,
      to: mail.recipient,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
      attachments: attachments.map(file => ({ filename: file.filename, content_type: file.contentType, content_base64: base64(file.content) })),
    }),
  })
  if (!response.ok) throw new Error(`The mail API answered ${response.status}`)
}

function base64(bytes: Uint8Array) {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
