import { dirname, join } from 'node:path'
import { inject } from 'vitest'
import { confirmationLink, mailsTo as mailsIn } from '../support/mail'

/** Without SMTP_URL the server writes each mail into `.data/mail/` beside its database. */
export const mailDir = join(dirname(inject('serverLog')), '.data', 'mail')

/** The mails the API test server sent to `email`, once there are at least `atLeast` of them (or after 5 seconds). */
export const mailsTo = (email: string, atLeast: number) => mailsIn(mailDir, email, atLeast)

/** The token of the newest confirmation link mailed to `email`. */
export async function verificationToken(email: string) {
  return new URL(await confirmationLink(mailDir, email)).searchParams.get('token')!
}
