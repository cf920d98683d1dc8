import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The mail as text: bodies with accents arrive quoted-printable. */
export function decode(eml: string) {
  const unfolded = eml.replace(/=\r?\n/g, '')
  return Buffer.from(unfolded.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1').toString('utf8')
}

/** The mails a server without SMTP_URL wrote into `dir` for `email`, once there are at least `atLeast` (or after 5 seconds). */
export async function mailsTo(dir: string, email: string, atLeast: number) {
  let found: string[] = []
  for (let i = 0; i < 50 && found.length < atLeast; i++) {
    if (existsSync(dir)) {
      found = readdirSync(dir).sort().map(file => decode(readFileSync(join(dir, file), 'utf8'))).filter(text => text.includes(`To: ${email}`))
    }
    if (found.length < atLeast) await new Promise(resolve => setTimeout(resolve, 100))
  }
  return found
}

/** The newest confirmation link mailed to `email`. */
export async function confirmationLink(dir: string, email: string) {
  const mails = (await mailsTo(dir, email, 1)).filter(mail => mail.includes('/verify-email?token='))
  const link = /https?:\/\/\S+\/verify-email\?token=[\w.-]+/.exec(mails.at(-1) ?? '')?.[0]
  if (!link) throw new Error(`no confirmation link was mailed to ${email}`)
  return link
}

/** The PDF files a mail carries: its base64 parts of type application/pdf. */
export function pdfAttachments(mail: string) {
  return [...mail.matchAll(/Content-Type: application\/pdf;[\s\S]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/g)]
    .map(match => Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'))
}
