import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import type { emailOutbox } from '../../../drizzle/schema'
import { useConfig } from '../../lib/config'

type OutboxRow = typeof emailOutbox.$inferSelect

export interface MailAttachment {
  filename: string
  contentType: string
  content: Uint8Array
}

let transport: ReturnType<typeof nodemailer.createTransport> | undefined

/**
 * Sends one queued mail: through SMTP_URL when it is set, otherwise into `.data/mail/` as
 * an .eml file (development, tests, or a shop that has no mail server yet).
 */
export async function deliver(mail: OutboxRow, attachments: MailAttachment[] = []) {
  const config = useConfig()
  const message = {
    from: config.mailFrom,
    to: mail.recipient,
    subject: mail.subject,
    text: mail.textBody,
    ...(mail.htmlBody ? { html: mail.htmlBody } : {}),
    attachments: attachments.map(file => ({ filename: file.filename, contentType: file.contentType, content: Buffer.from(file.content) })),
  }
  if (config.smtpUrl) {
    transport ??= nodemailer.createTransport(config.smtpUrl)
    await transport.sendMail(message)
    return
  }
  const built = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(message)
  const dir = join(config.dataDir, 'mail')
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, `${mail.createdAt.toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`), built.message as Buffer)
}
