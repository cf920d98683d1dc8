import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import Stripe from 'stripe'
import { freePort } from './server.ts'

/** The keys the shop is started with against the stand-in: test-mode shapes, no real account. */
export const STAND_IN_SECRET_KEY = 'sk_test_standin000000000000000000'
export const STAND_IN_WEBHOOK_SECRET = 'whsec_standin000000000000000000'

interface Session {
  id: string
  object: 'checkout.session'
  url: string
  amount_total: number
  currency: string
  client_reference_id: string | null
  customer_email: string | null
  metadata: Record<string, string>
  payment_intent: string | null
  payment_status: 'unpaid' | 'paid'
  status: 'open' | 'complete' | 'expired'
  success_url: string
  cancel_url: string
  expires_at: number
  intent_metadata: Record<string, string>
}

export interface StandInRequest {
  method: string
  path: string
  idempotencyKey: string | undefined
  body: Record<string, unknown>
}

/**
 * A STAND-IN for the three Stripe endpoints the shop calls (this machine cannot reach
 * Stripe): create a Checkout Session, expire one, create a Refund; plus a page standing in
 * for Stripe's hosted checkout, whose Pay button completes the session and sends the shop
 * a `checkout.session.completed` event signed the way Stripe signs (the SDK's own
 * `generateTestHeaderString`), then sends the browser to the session's success URL.
 * Idempotency keys are honoured as Stripe does (same key, same answer). `/__log` lists
 * the API requests received; `POST /__pay/:session` pays without a browser.
 */
export async function startStripeStandIn() {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const sessions = new Map<string, Session>()
  const replies = new Map<string, unknown>()
  const log: StandInRequest[] = []
  let webhookUrl = ''

  const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`

  async function sendEvent(type: string, object: unknown) {
    const payload = JSON.stringify({ id: id('evt'), object: 'event', type, created: Math.floor(Date.now() / 1000), livemode: false, api_version: null, data: { object } })
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: STAND_IN_WEBHOOK_SECRET })
    const response = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload })
    return { status: response.status, body: await response.text() }
  }

  async function pay(session: Session) {
    if (session.status !== 'open') return { status: 409, body: `session is ${session.status}` }
    session.status = 'complete'
    session.payment_status = 'paid'
    session.payment_intent = id('pi')
    const { intent_metadata: _, ...object } = session
    return sendEvent('checkout.session.completed', object)
  }

  const api: Record<string, (body: Record<string, any>, match: RegExpExecArray) => [number, unknown]> = {
    'POST /v1/checkout/sessions': (body) => {
      const sessionId = id('cs')
      const lines = (body.line_items ?? []) as { quantity: string, price_data: { unit_amount: string, currency: string } }[]
      const session: Session = {
        id: sessionId,
        object: 'checkout.session',
        url: `${origin}/pay/${sessionId}`,
        amount_total: lines.reduce((sum, line) => sum + Number(line.price_data.unit_amount) * Number(line.quantity), 0),
        currency: lines[0]?.price_data.currency ?? 'eur',
        client_reference_id: body.client_reference_id ?? null,
        customer_email: body.customer_email ?? null,
        metadata: body.metadata ?? {},
        payment_intent: null,
        payment_status: 'unpaid',
        status: 'open',
        success_url: body.success_url,
        cancel_url: body.cancel_url,
        expires_at: Number(body.expires_at ?? Math.floor(Date.now() / 1000) + 86_400),
        intent_metadata: body.payment_intent_data?.metadata ?? {},
      }
      if (!session.success_url || lines.length === 0) return [400, stripeError('Missing success_url or line_items')]
      sessions.set(sessionId, session)
      const { intent_metadata: _, ...reply } = session
      return [200, reply]
    },
    'POST /v1/checkout/sessions/([^/]+)/expire': (_body, match) => {
      const session = sessions.get(match[1]!)
      if (!session) return [404, stripeError('No such checkout.session')]
      if (session.status !== 'open') return [400, stripeError(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`)]
      session.status = 'expired'
      return [200, { ...session, intent_metadata: undefined }]
    },
    // Any pi_… is taken as a payment Stripe made: the tests also sign events for payments made outside the stand-in's page.
    'POST /v1/refunds': (body) => {
      if (!/^pi_\w+$/.test(body.payment_intent ?? '')) return [404, stripeError(`No such payment_intent: '${body.payment_intent}'`)]
      const paid = [...sessions.values()].find(session => session.payment_intent === body.payment_intent)
      const amount = Number(body.amount ?? paid?.amount_total)
      if (!amount) return [400, stripeError('Missing amount')]
      return [200, { id: id('re'), object: 'refund', amount, currency: 'eur', payment_intent: body.payment_intent, status: 'succeeded', metadata: body.metadata ?? {} }]
    },
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url!, origin)
    let raw = ''
    for await (const chunk of request) raw += chunk
    const send = (status: number, body: unknown, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type })
      response.end(typeof body === 'string' ? body : JSON.stringify(body))
    }

    if (request.method === 'GET' && url.pathname === '/__log') return send(200, log)
    const payPage = /^\/pay\/([^/]+)$/.exec(url.pathname)
    if (payPage) {
      const session = sessions.get(payPage[1]!)
      if (!session) return send(404, 'No such session', 'text/plain')
      if (request.method === 'GET') return send(200, checkoutPage(session), 'text/html; charset=utf-8')
      const delivered = await pay(session)
      if (delivered.status >= 300) return send(502, `The shop answered the webhook with ${delivered.status}: ${delivered.body}`, 'text/plain')
      response.writeHead(303, { location: session.success_url }).end()
      return
    }
    const payNow = /^\/__pay\/([^/]+)$/.exec(url.pathname)
    if (payNow && request.method === 'POST') {
      const session = sessions.get(payNow[1]!)
      return session ? send(200, await pay(session)) : send(404, { error: 'no such session' })
    }

    if (request.headers.authorization !== `Bearer ${STAND_IN_SECRET_KEY}`) return send(401, stripeError('Invalid API Key provided', 'authentication_error'))
    const body = parseForm(raw)
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined
    log.push({ method: request.method!, path: url.pathname, idempotencyKey, body })
    for (const [route, answer] of Object.entries(api)) {
      const [method, path] = route.split(' ')
      const match = new RegExp(`^${path}$`).exec(url.pathname)
      if (request.method !== method || !match) continue
      const key = idempotencyKey && `${route} ${idempotencyKey}`
      if (key && replies.has(key)) return send(200, replies.get(key))
      const [status, reply] = answer(body, match)
      if (key && status === 200) replies.set(key, reply)
      return send(status, reply)
    }
    return send(404, stripeError(`Unrecognized request URL (${request.method}: ${url.pathname}): not in the stand-in`))
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(error => response.writeHead(500).end(String(error)))
  })
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  return {
    url: origin,
    /** Where the shop listens for events: known once the shop is started. */
    setWebhookUrl(url: string) {
      webhookUrl = url
    },
    sessions,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  }
}

function stripeError(message: string, type = 'invalid_request_error') {
  return { error: { type, message } }
}

/** Stripe's form encoding (`a[b][0][c]=1`) back into objects and arrays. */
function parseForm(raw: string) {
  const root: Record<string, any> = {}
  for (const [name, value] of new URLSearchParams(raw)) {
    const keys = name.replace(/\]/g, '').split('[')
    let node: any = root
    keys.forEach((key, index) => {
      if (index === keys.length - 1) {
        node[key] = value
        return
      }
      node[key] ??= /^\d+$/.test(keys[index + 1]!) ? [] : {}
      node = node[key]
    })
  }
  return root
}

function checkoutPage(session: Session) {
  const amount = new Intl.NumberFormat('en-IE', { style: 'currency', currency: session.currency.toUpperCase() }).format(session.amount_total / 100)
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout stand-in</title></head>
<body style="font-family: system-ui; max-width: 28rem; margin: 4rem auto">
<p><strong>Stand-in for Stripe Checkout</strong> (tests only: no card is charged)</p>
<h1>Pay ${amount}</h1>
<p>${session.customer_email ?? ''}</p>
${session.status === 'open'
  ? `<form method="post"><button type="submit" style="font-size: 1.2rem; padding: .6rem 1.4rem">Pay ${amount}</button></form>`
  : `<p>This session is ${session.status}.</p>`}
<p><a href="${session.cancel_url}">Back to the shop</a></p>
</body></html>`
}

/** The payment settings a test server runs with: Stripe through the stand-in at `standInUrl`, and a bank account for transfers. */
export function paymentEnv(standInUrl: string) {
  return {
    STRIPE_SECRET_KEY: STAND_IN_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: STAND_IN_WEBHOOK_SECRET,
    STRIPE_API_URL: standInUrl,
    BANK_ACCOUNT_HOLDER: 'Comptoir Test SAS',
    BANK_IBAN: 'FR7630006000011234567890189',
    BANK_BIC: 'AGRIFRPPXXX',
  }
}
