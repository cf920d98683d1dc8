import { emailOutbox } from '../../drizzle/schema'
import type { Database } from '../database/client'

export interface Email {
  to: string
  subject: string
  text: string
}

/**
 * Queues an e-mail in the transactional outbox: call it inside the transaction of the
 * change it announces, so that the mail exists if and only if the change happened. A
 * worker sends it later (server/plugins/mail-worker.ts); a failed send never undoes anything.
 */
export async function enqueueEmail(db: Database, email: Email) {
  await db.insert(emailOutbox).values({ recipient: email.to, subject: email.subject, textBody: email.text })
}
