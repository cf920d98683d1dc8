import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { freePort } from './server.ts'

/**
 * A STAND-IN for a mail provider's HTTP API, for the edge bundle's tests (it cannot reach a
 * real one from here): each `POST { from, to, subject, text, html, attachments }` is written into `dir`
 * as an .eml file, as the Node server writes its own without SMTP_URL, so that the tests
 * read both the same way. A recipient whose address starts with `bounce-once` is refused
 * (503) the first time, as a provider's outage would be.
 */
export async function startMailApiStandIn(dir: string) {
  mkdirSync(dir, { recursive: true })
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  let sequence = 0
  const bounced = new Set<string>()
  const server = createServer(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    const mail = JSON.parse(body) as { from: string, to: string, subject: string, text: string, html?: string | null, attachments?: { filename: string, content_type: string, content_base64: string }[] }
    if (mail.to.startsWith('bounce-once') && !bounced.has(mail.to)) {
      bounced.add(mail.to)
      response.writeHead(503).end()
      return
    }
    const attachments = (mail.attachments ?? []).map(file => ({ filename: file.filename, contentType: file.content_type, content: Buffer.from(file.content_base64, 'base64') }))
    const built = await files.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}), attachments })
    writeFileSync(join(dir, `${Date.now()}-${String(++sequence).padStart(6, '0')}.eml`), built.message as Buffer)
    response.writeHead(202).end()
  })
  const port = await freePort()
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${port}/send`, stop: () => new Promise<void>(resolve => server.close(() => resolve())) }
}
