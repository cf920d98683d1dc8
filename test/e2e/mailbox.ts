import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { confirmationLink } from '../support/mail.ts'

/** Where the Playwright server's mails land (test/support/serve-e2e.ts links its `.data/mail/` here). */
export const E2E_MAIL_DIR = join(tmpdir(), `comptoir-e2e-mail-${process.env.E2E_PORT ?? 3100}`)

/** The confirmation link the shop mailed to `email`, as its owner would find it in their mailbox. */
export const mailedConfirmationLink = (email: string) => confirmationLink(E2E_MAIL_DIR, email)
