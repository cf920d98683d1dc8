import Stripe from 'stripe'
import { beforeAll, describe, expect, it, inject } from 'vitest'
import { pdfAttachments } from '../support/mail'
import { STAND_IN_WEBHOOK_SECRET } from '../support/stripe-stand-in'
import type { StandInRequest } from '../support/stripe-stand-in'
import { expectNothingInternal, request } from './http'
import { mailsTo } from './mailbox'
import { ADDRESS, productFactory, stockOf } from './orders-helpers'
import type { Session } from './session'
import { registered, signedInAdmin } from './session'

const standIn = inject('stripeStandIn')
let admin: Session
let buyer: Awaited<ReturnType<typeof registered>>
/** Collection from the shop: a delivery that costs nothing, so that the amounts below are the goods'. */
let pickup: string
beforeAll(async () => {
  admin = (await signedInAdmin()).session
  buyer = await registered('payer')
  pickup = (await admin.request('/api/admin/shipping-methods')).body.data.find((m: { name: string }) => m.name.startsWith('Collect')).id
})
const STRUCTURED = { full_name: 'Ada Lovelace', line1: '3 rue des Fleurs', postcode: '75011', city: 'Paris', country: 'FR' }
const newProduct = productFactory(() => admin)

async function place(session: Session, method: 'card' | 'bank_transfer', items: { product_id: string, quantity: number }[]) {
  const res = await session.request('/api/orders', { method: 'POST', json: { items, address: STRUCTURED, shipping_method_id: pickup, payment_method: method } })
  if (res.status !== 201) throw new Error(res.text)
  return res.body.data as { id: string, status: string, total_amount: number, payment_due_at: string }
}

const orderOf = async (session: Session, id: string) => (await session.request(`/api/orders/${id}`)).body.data
const standInLog = async () => (await (await fetch(`${standIn}/__log`)).json()) as StandInRequest[]

/** An event signed as Stripe signs them (the SDK's own test helper), posted to the shop's webhook. */
async function deliverEvent(type: string, object: Record<string, unknown>, { id = `evt_test_${crypto.randomUUID()}`, timestamp, secret = STAND_IN_WEBHOOK_SECRET }: { id?: string, timestamp?: number, secret?: string } = {}) {
  const payload = JSON.stringify({ id, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object } })
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp })
  return request('/api/payments/stripe/webhook', { method: 'POST', body: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } })
}

const paidSession = (orderId: string, amountCents: number, intent = `pi_test_${crypto.randomUUID().slice(0, 8)}`) => ({
  id: `cs_test_${crypto.randomUUID().slice(0, 8)}`, object: 'checkout.session', payment_status: 'paid', status: 'complete', amount_total: amountCents, client_reference_id: orderId, metadata: { order_id: orderId }, payment_intent: intent,
})

/** Opens Stripe Checkout (the stand-in) for an order and pays it there, as the customer's browser would. */
async function payByCard(session: Session, orderId: string) {
  const opened = await session.request(`/api/orders/${orderId}/pay`, { method: 'POST' })
  expect(opened.status).toBe(200)
  const sessionId = opened.body.data.checkout_url.split('/').at(-1)
  const paid = await (await fetch(`${standIn}/__pay/${sessionId}`, { method: 'POST' })).json() as { status: number, body: string }
  return { checkoutUrl: opened.body.data.checkout_url as string, sessionId, webhook: paid }
}

describe('GET /api/payments/methods', () => {
  it('lists what the shop is configured for, with how long each holds an unpaid order', async () => {
    const res = await request('/api/payments/methods')
    expect(res.status).toBe(200)
    expect(res.body.data).toEqual([{ method: 'bank_transfer', window_seconds: 7 * 86_400 }, { method: 'card', window_seconds: 30 * 60 }])
  })
})

describe('paying by bank transfer', () => {
  it('holds the order awaiting payment with the IBAN and a reference, until an admin records the transfer; then invoices it', async () => {
    const product = await newProduct({ price: 24.5, stock: 4 })
    const before = Date.now()
    const placed = await place(buyer.session, 'bank_transfer', [{ product_id: product.id, quantity: 2 }])
    expect(placed.status).toBe('awaiting_payment')
    const due = Date.parse(placed.payment_due_at) - before
    expect(due).toBeGreaterThan(7 * 86_400_000 - 60_000)
    expect(due).toBeLessThan(7 * 86_400_000 + 60_000)
    expect(await stockOf(admin, product.id)).toBe(2)

    const detail = await orderOf(buyer.session, placed.id)
    expect(detail.payment).toMatchObject({ method: 'bank_transfer', status: 'pending', amount: 49 })
    expect(detail.payment.reference).toMatch(/^CMP-[0-9A-F]{10}$/)
    expect(detail.bank_details).toEqual({ account_holder: 'Comptoir Test SAS', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPPXXX' })
    const [placedMail] = await mailsTo(buyer.account.email, 2).then(mails => mails.filter(mail => mail.includes(placed.id.slice(0, 8))))
    expect(placedMail).toContain('FR76 3000 6000 0112 3456 7890 189')
    expect(placedMail).toContain(detail.payment.reference)

    // Only the payment confirms it: neither an admin's status change nor the customer can.
    expect((await admin.request(`/api/orders/${placed.id}/status`, { method: 'PATCH', json: { status: 'confirmed' } })).status).toBe(409)
    expect((await buyer.session.request(`/api/orders/${placed.id}/mark-paid`, { method: 'POST' })).status).toBe(403)
    expect((await buyer.session.request(`/api/orders/${placed.id}/pay`, { method: 'POST' })).status).toBe(409)

    const paid = await admin.request(`/api/orders/${placed.id}/mark-paid`, { method: 'POST' })
    expect(paid.status).toBe(200)
    expect(paid.body.data).toMatchObject({ status: 'confirmed', payment_due_at: null, payment: { status: 'succeeded' }, bank_details: null })
    expect(paid.body.data.invoices).toHaveLength(1)
    const invoice = paid.body.data.invoices[0]
    expect(invoice).toMatchObject({ kind: 'invoice', order_id: placed.id, total_amount: 49 })
    expect(invoice.number).toMatch(new RegExp(`^F${new Date().getFullYear()}-\\d{6}$`))
    expect((await admin.request(`/api/orders/${placed.id}/mark-paid`, { method: 'POST' })).status).toBe(409)

    // The invoice: a PDF for its customer and the admins, nobody else; and attached to the mail that confirms the order.
    const pdf = await buyer.session.request(`/api/invoices/${invoice.id}/pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.text.startsWith('%PDF-')).toBe(true)
    expect((await admin.request(`/api/invoices/${invoice.id}/pdf`)).status).toBe(200)
    const stranger = await registered('stranger')
    expect((await stranger.session.request(`/api/invoices/${invoice.id}/pdf`)).status).toBe(404)
    expect((await request(`/api/invoices/${invoice.id}/pdf`)).status).toBe(401)
    const paidMail = (await mailsTo(buyer.account.email, 3)).find(mail => mail.includes(`order ${placed.id.slice(0, 8)} is paid`))
    expect(paidMail).toBeDefined()
    expect(paidMail).toContain(`Your invoice ${invoice.number} is attached.`)
    const attached = pdfAttachments(paidMail!)
    expect(attached.map(file => file.subarray(0, 5).toString())).toEqual(['%PDF-'])

    const audit = await admin.request(`/api/admin/audit?entity=order`)
    expect(audit.body.data.some((entry: { action: string, entity_id: string }) => entry.action === 'payment.received' && entry.entity_id === placed.id)).toBe(true)
  })

  it('records a transfer once when 30 admins click at the same moment: one payment, one invoice', async () => {
    const product = await newProduct({ price: 5 })
    const placed = await place(buyer.session, 'bank_transfer', [{ product_id: product.id, quantity: 1 }])
    const answers = await Promise.all(Array.from({ length: 30 }, () => admin.request(`/api/orders/${placed.id}/mark-paid`, { method: 'POST' })))
    expect(answers.filter(res => res.status === 200)).toHaveLength(1)
    expect(answers.filter(res => res.status === 409)).toHaveLength(29)
    expect((await orderOf(admin, placed.id)).invoices).toHaveLength(1)
  })

  it('numbers invoices paid at the same time one after another, with no gap and no duplicate', async () => {
    const product = await newProduct({ price: 3, stock: 100 })
    const orders = await Promise.all(Array.from({ length: 12 }, () => place(buyer.session, 'bank_transfer', [{ product_id: product.id, quantity: 1 }])))
    const paid = await Promise.all(orders.map(order => admin.request(`/api/orders/${order.id}/mark-paid`, { method: 'POST' })))
    expect(paid.map(res => res.status)).toEqual(orders.map(() => 200))
    const numbers = paid.map(res => res.body.data.invoices[0].number as string).sort()
    const sequence = numbers.map(number => Number(number.split('-')[1]))
    expect(new Set(numbers).size).toBe(12)
    expect(sequence.at(-1)! - sequence[0]!).toBe(11)
    // And the whole series so far has no hole either.
    const all = (await admin.request('/api/admin/invoices?kind=invoice&limit=100')).body
    const everyNumber = all.data.map((invoice: { number: string }) => Number(invoice.number.split('-')[1])).sort((a: number, b: number) => a - b)
    expect(everyNumber).toEqual(Array.from({ length: everyNumber.length }, (_, i) => everyNumber[0] + i))
  })

  it('needs a structured address and a delivery to be paid through the shop', async () => {
    const product = await newProduct()
    const res = await buyer.session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: product.id, quantity: 1 }], shipping_address: ADDRESS, payment_method: 'card' } })
    expect(res.status).toBe(400)
    expect(res.body.details.shipping_address[0]).toMatch(/^Paying through the shop needs a structured address/)
    expect(await stockOf(admin, product.id)).toBe(10)
  })

  it('refuses a method the shop does not offer, and an unknown one, per field', async () => {
    const product = await newProduct()
    const res = await buyer.session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: product.id, quantity: 1 }], shipping_address: ADDRESS, payment_method: 'cheque' } })
    expect(res.status).toBe(400)
    expect(res.body.details.payment_method).toBeDefined()
    expect(await stockOf(admin, product.id)).toBe(10)
  })
})

describe('paying by card through Stripe Checkout', () => {
  it('opens Checkout for the order\'s total and confirms the order only on Stripe\'s signed event', async () => {
    const product = await newProduct({ price: 19.9, stock: 3 })
    const placed = await place(buyer.session, 'card', [{ product_id: product.id, quantity: 2 }])
    expect(placed.status).toBe('awaiting_payment')
    const due = Date.parse(placed.payment_due_at) - Date.now()
    expect(due).toBeGreaterThan(29 * 60_000)
    expect(due).toBeLessThanOrEqual(30 * 60_000)

    const opened = await buyer.session.request(`/api/orders/${placed.id}/pay`, { method: 'POST' })
    expect(opened.status).toBe(200)
    expect(opened.body.data.checkout_url).toMatch(new RegExp(`^${standIn}/pay/cs_test_`))
    // The same session is offered again rather than a second one opened.
    const again = await buyer.session.request(`/api/orders/${placed.id}/pay`, { method: 'POST' })
    expect(again.body.data.checkout_url).toBe(opened.body.data.checkout_url)
    const created = (await standInLog()).filter(call => call.path === '/v1/checkout/sessions' && (call.body.metadata as { order_id: string }).order_id === placed.id)
    expect(created).toHaveLength(1)
    expect(created[0]!.body).toMatchObject({ mode: 'payment', line_items: [{ quantity: '1', price_data: { currency: 'eur', unit_amount: '3980' } }] })
    expect(created[0]!.idempotencyKey).toMatch(/^checkout-/)
    // Another customer cannot open it.
    const stranger = await registered('cardstranger')
    expect((await stranger.session.request(`/api/orders/${placed.id}/pay`, { method: 'POST' })).status).toBe(404)

    // The customer's return to the success page alone proves nothing: still awaiting.
    expect((await orderOf(buyer.session, placed.id)).status).toBe('awaiting_payment')
    const sessionId = opened.body.data.checkout_url.split('/').at(-1)
    const paid = await (await fetch(`${standIn}/__pay/${sessionId}`, { method: 'POST' })).json() as { status: number, body: string }
    expect(paid.status).toBe(200)
    expect(JSON.parse(paid.body)).toMatchObject({ received: true, outcome: 'confirmed' })
    const confirmed = await orderOf(buyer.session, placed.id)
    expect(confirmed).toMatchObject({ status: 'confirmed', payment: { method: 'card', status: 'succeeded', reference: sessionId } })
    expect(confirmed.invoices.map((invoice: { kind: string }) => invoice.kind)).toEqual(['invoice'])
    expect(confirmed.events.map((event: { status: string }) => event.status)).toEqual(['awaiting_payment', 'confirmed'])
  })

  it('acts once on an event delivered 30 times at once, and on a later redelivery', async () => {
    const product = await newProduct({ price: 8 })
    const placed = await place(buyer.session, 'card', [{ product_id: product.id, quantity: 1 }])
    const id = `evt_test_${crypto.randomUUID()}`
    const object = paidSession(placed.id, 800)
    const answers = await Promise.all(Array.from({ length: 30 }, () => deliverEvent('checkout.session.completed', object, { id })))
    expect(answers.map(res => res.status)).toEqual(answers.map(() => 200))
    expect(answers.filter(res => res.body.outcome === 'confirmed')).toHaveLength(1)
    expect(answers.filter(res => res.body.outcome === 'duplicate')).toHaveLength(29)
    expect((await deliverEvent('checkout.session.completed', object, { id })).body.outcome).toBe('duplicate')
    // Stripe also says so with payment_intent.succeeded: a different event, the same payment, nothing more happens.
    const intent = await deliverEvent('payment_intent.succeeded', { id: object.payment_intent, object: 'payment_intent', amount_received: 800, metadata: { order_id: placed.id } })
    expect(intent.body.outcome).toBe('already-paid')
    const detail = await orderOf(buyer.session, placed.id)
    expect(detail.invoices).toHaveLength(1)
    expect(detail.events.filter((event: { status: string }) => event.status === 'confirmed')).toHaveLength(1)
  })

  it('refuses events not signed with the shop\'s secret, or signed too long ago, and changes nothing', async () => {
    const product = await newProduct({ price: 8 })
    const placed = await place(buyer.session, 'card', [{ product_id: product.id, quantity: 1 }])
    const object = paidSession(placed.id, 800)
    const forged = await deliverEvent('checkout.session.completed', object, { secret: 'whsec_notthesecret' })
    expect(forged.status).toBe(400)
    expect(forged.body.error).toBe('Invalid Stripe signature')
    const stale = await deliverEvent('checkout.session.completed', object, { timestamp: Math.floor(Date.now() / 1000) - 600 })
    expect(stale.status).toBe(400)
    const unsigned = await request('/api/payments/stripe/webhook', { method: 'POST', json: { id: 'evt_x', type: 'checkout.session.completed', data: { object } } })
    expect(unsigned.status).toBe(400)
    // A valid signature over other bytes: the body was changed in transit.
    const payload = JSON.stringify({ id: 'evt_tampered', type: 'checkout.session.completed', data: { object } })
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: STAND_IN_WEBHOOK_SECRET })
    const tampered = await request('/api/payments/stripe/webhook', { method: 'POST', body: payload.replace('800', '1'), headers: { 'content-type': 'application/json', 'stripe-signature': signature } })
    expect(tampered.status).toBe(400)
    for (const res of [forged, stale, unsigned, tampered]) expectNothingInternal(res.text)
    expect((await orderOf(buyer.session, placed.id)).status).toBe('awaiting_payment')
  })

  it('does not confirm an order on a payment of another amount', async () => {
    const product = await newProduct({ price: 8 })
    const placed = await place(buyer.session, 'card', [{ product_id: product.id, quantity: 1 }])
    const res = await deliverEvent('checkout.session.completed', paidSession(placed.id, 1, 'pi_test_wrongamount'))
    expect(res.body.outcome).toBe('mismatch')
    expect((await orderOf(buyer.session, placed.id)).status).toBe('awaiting_payment')
    // The money that came is sent back whole, once.
    expect((await standInLog()).filter(call => call.path === '/v1/refunds' && call.body.payment_intent === 'pi_test_wrongamount').map(call => call.idempotencyKey)).toEqual(['refund-stray-pi_test_wrongamount'])
  })

  it('sends back a second card payment for an order already paid (an older Checkout page paid too)', async () => {
    const product = await newProduct({ price: 9 })
    const placed = await place(buyer.session, 'card', [{ product_id: product.id, quantity: 1 }])
    expect((await deliverEvent('checkout.session.completed', paidSession(placed.id, 900, 'pi_test_firstpay'))).body.outcome).toBe('confirmed')
    expect((await deliverEvent('checkout.session.completed', paidSession(placed.id, 900, 'pi_test_secondpay'))).body.outcome).toBe('already-paid')
    const refunds = (await standInLog()).filter(call => call.path === '/v1/refunds' && ['pi_test_firstpay', 'pi_test_secondpay'].includes(call.body.payment_intent as string))
    expect(refunds.map(call => call.body.payment_intent)).toEqual(['pi_test_secondpay'])
    expect((await orderOf(buyer.session, placed.id))).toMatchObject({ status: 'confirmed', payment: { status: 'succeeded' }, refund: null })
  })

  it('refunds a paid order cancelled by its customer, through Stripe, once, with a credit note', async () => {
    const product = await newProduct({ price: 15, stock: 5 })
    const placed = await place(buyer.session, 'card', [{ product_id: product.id, quantity: 2 }])
    await payByCard(buyer.session, placed.id)
    const cancels = await Promise.all(Array.from({ length: 10 }, () => buyer.session.request(`/api/orders/${placed.id}/cancel`, { method: 'POST' })))
    expect(cancels.filter(res => res.status === 200)).toHaveLength(1)
    const cancelled = await orderOf(buyer.session, placed.id)
    expect(cancelled).toMatchObject({ status: 'cancelled', refund: { method: 'card', status: 'succeeded', amount: 30 } })
    expect(cancelled.invoices.map((invoice: { kind: string }) => invoice.kind)).toEqual(['invoice', 'credit_note'])
    expect(cancelled.invoices[1].number).toMatch(/^A\d{4}-\d{6}$/)
    expect(await stockOf(admin, product.id)).toBe(5)
    const refunds = (await standInLog()).filter(call => call.path === '/v1/refunds' && (call.body.metadata as { order_id: string }).order_id === placed.id)
    expect(refunds).toHaveLength(1)
    expect(refunds[0]!.body).toMatchObject({ amount: '3000' })
    expect(refunds[0]!.idempotencyKey).toMatch(/^refund-/)
    const credit = await buyer.session.request(`/api/invoices/${cancelled.invoices[1].id}/pdf`)
    expect(credit.text.startsWith('%PDF-')).toBe(true)
  })

  it('calls off the Checkout page of an order cancelled unpaid, and refunds a payment that still arrives for it', async () => {
    const product = await newProduct({ price: 11, stock: 5 })
    const placed = await place(buyer.session, 'card', [{ product_id: product.id, quantity: 1 }])
    const opened = await buyer.session.request(`/api/orders/${placed.id}/pay`, { method: 'POST' })
    const sessionId = opened.body.data.checkout_url.split('/').at(-1)
    expect((await buyer.session.request(`/api/orders/${placed.id}/cancel`, { method: 'POST' })).status).toBe(200)
    expect((await standInLog()).some(call => call.path === `/v1/checkout/sessions/${sessionId}/expire`)).toBe(true)
    expect((await buyer.session.request(`/api/orders/${placed.id}/pay`, { method: 'POST' })).status).toBe(409)

    // Stripe had already taken the money when the order was cancelled: the event comes late.
    const late = await deliverEvent('checkout.session.completed', paidSession(placed.id, 1100))
    expect(late.body.outcome).toBe('refund')
    const detail = await orderOf(buyer.session, placed.id)
    expect(detail).toMatchObject({ status: 'cancelled', payment: { status: 'succeeded' }, refund: { status: 'succeeded', amount: 11 }, invoices: [] })
    expect(await stockOf(admin, product.id)).toBe(5)
  })
})
