import { and, asc, eq, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm'
import type Stripe from 'stripe'
import { orderEvents, orders, paymentEvents, payments, users } from '../../drizzle/schema'
import type { BankDetailsJson, PaymentJson } from '#shared/types/api'
import { centsToAmount, formatPrice } from '#shared/utils/money'
import { PAYMENT_METHODS, PROVIDER_OF, transferReference } from '#shared/utils/payments'
import type { PaymentMethod, PaymentProvider } from '#shared/utils/payments'
import { formatDateTime } from '#shared/utils/dates'
import { DEFAULT_LOCALE } from '#shared/utils/locale'
import type { ShopLocale } from '#shared/utils/locale'
import { mailWords } from '../i18n/mails'
import type { Database } from '../database/client'
import { useConfig } from '../lib/config'
import { apiError } from '../lib/errors'
import { logger } from '../lib/logger'
import { useStripe } from '../lib/stripe'
import { recordAudit } from './audit'
import type { Actor } from './audit'
import { issueInvoice } from './invoices'
import { enqueueEmail } from './mail'

type PaymentRow = typeof payments.$inferSelect
type OrderRow = typeof orders.$inferSelect

const METHOD_OF: Record<PaymentProvider, PaymentMethod> = { bank_transfer: 'bank_transfer', stripe: 'card' }

/** The methods this shop offers: card payments need Stripe's keys, transfers the shop's account. */
export function availablePaymentMethods(): PaymentMethod[] {
  const config = useConfig()
  return PAYMENT_METHODS.filter(method => method === 'card' ? Boolean(config.stripe) : Boolean(config.bank))
}

export function bankDetails(): BankDetailsJson | null {
  const bank = useConfig().bank
  return bank ? { account_holder: bank.holder, iban: bank.iban, bic: bank.bic } : null
}

export function toPaymentJson(row: PaymentRow): PaymentJson {
  return {
    id: row.id,
    method: METHOD_OF[row.provider],
    status: row.status,
    amount: centsToAmount(row.amountCents),
    reference: row.reference,
    settled_at: row.settledAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  }
}

/** An order's payment and refund, if any. */
export async function paymentsOf(db: Database, orderId: string) {
  const rows = await db.select().from(payments).where(eq(payments.orderId, orderId))
  const find = (kind: PaymentRow['kind']) => rows.find(row => row.kind === kind)
  return { payment: find('payment'), refund: find('refund') }
}

/** Refuses a method the shop does not offer now, before anything is written. */
export function assertPaymentMethod(method: PaymentMethod) {
  if (!availablePaymentMethods().includes(method)) {
    throw apiError(400, 'This payment method is not available', { details: { payment_method: [method === 'card' ? 'Card payments are not available in this shop' : 'Bank transfers are not available in this shop'] } })
  }
}

/** Seconds an order paid by `method` holds its stock before it is released. */
export function paymentWindowSeconds(method: PaymentMethod) {
  return useConfig().paymentWindows[method]
}

/** In the order's transaction: the payment it awaits (a query to send after the order's own insert: it runs when awaited). */
export function openPayment(tx: Database, orderId: string, method: PaymentMethod, amountCents: number) {
  return tx.insert(payments).values({
    orderId,
    provider: PROVIDER_OF[method],
    kind: 'payment',
    amountCents,
    reference: method === 'bank_transfer' ? transferReference(orderId) : null,
  })
}

/** What the customer is told when the order is placed, about paying it. */
export function paymentInstructions(method: PaymentMethod, orderId: string, totalCents: number, dueAt: Date, locale: ShopLocale = DEFAULT_LOCALE) {
  const words = mailWords(locale).payment
  const due = formatDateTime(dueAt.toISOString(), locale)
  if (method === 'card') return [words.cardDue(due)]
  const bank = useConfig().bank!
  return words.transfer({
    amount: formatPrice(centsToAmount(totalCents), locale),
    holder: bank.holder,
    iban: bank.iban.replace(/(.{4})/g, '$1 ').trim(),
    bic: bank.bic,
    reference: transferReference(orderId),
  }, due)
}

type Settlement
  = | { outcome: 'confirmed' | 'unknown' }
    | { outcome: 'already-paid' | 'mismatch', strayPayment?: string }
    | { outcome: 'refund', refundId: string }

/**
 * Records that an order's money arrived, in the caller's transaction. The order row is
 * locked first, so a payment and the release of the unpaid order (or its cancellation)
 * never both happen: awaiting payment, the order is confirmed and invoiced, its customer
 * mailed the invoice; already cancelled, the money is recorded and a refund opened.
 * The same payment twice is a no-op; another card payment for an order already paid (an
 * older Checkout page paid too), or one of another amount, is a stray, sent back whole.
 */
async function settlePayment(tx: Database, orderId: string, provider: PaymentProvider, received: { amountCents: number, providerPaymentId?: string, actorId: string | null }): Promise<Settlement> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update')
  const [payment] = order
    ? await tx.select().from(payments).where(and(eq(payments.orderId, orderId), eq(payments.kind, 'payment'))).for('update')
    : []
  if (!order || !payment || payment.provider !== provider) return { outcome: 'unknown' }
  const another = provider === 'stripe' && received.providerPaymentId && received.providerPaymentId !== payment.providerPaymentId ? received.providerPaymentId : undefined
  if (payment.status === 'succeeded') return { outcome: 'already-paid', strayPayment: another }
  if (received.amountCents !== payment.amountCents) {
    logger.error('payment amount differs from the order\'s: refunded, the order still awaits its payment', { order_id: orderId, expected: payment.amountCents, received: received.amountCents })
    return { outcome: 'mismatch', strayPayment: received.providerPaymentId }
  }
  await tx.update(payments).set({ status: 'succeeded', settledAt: sql`now()`, providerPaymentId: received.providerPaymentId ?? payment.providerPaymentId, checkoutUrl: null })
    .where(eq(payments.id, payment.id))
  const [owner] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, order.userId))
  const label = orderId.slice(0, 8)
  const words = mailWords(owner!.locale).payment
  const amount = formatPrice(centsToAmount(payment.amountCents), owner!.locale)
  if (order.status === 'awaiting_payment') {
    await tx.update(orders).set({ status: 'confirmed', paymentDueAt: null }).where(eq(orders.id, orderId))
    await tx.insert(orderEvents).values({ orderId, fromStatus: order.status, toStatus: 'confirmed', actorId: received.actorId })
    // Last: the invoice's number stays locked until the commit.
    const invoice = await issueInvoice(tx, orderId, 'invoice')
    await enqueueEmail(tx, {
      userId: order.userId,
      to: owner!.email,
      subject: words.paidSubject(label),
      text: words.paid(amount, label, invoice.number),
      invoiceId: invoice.id,
    })
    return { outcome: 'confirmed' }
  }
  // The order was cancelled (unpaid in time, or by its customer) before the money came: it goes back.
  const refundId = await openRefund(tx, payment)
  await enqueueEmail(tx, {
    userId: order.userId,
    to: owner!.email,
    subject: words.lateSubject(label),
    text: words.late(amount, label, provider === 'stripe'),
  })
  return { outcome: 'refund', refundId }
}

async function openRefund(tx: Database, payment: PaymentRow) {
  const [refund] = await tx.insert(payments).values({ orderId: payment.orderId, provider: payment.provider, kind: 'refund', amountCents: payment.amountCents })
    .returning({ id: payments.id })
  return refund!.id
}

/** After a cancellation commits: what is left to tell the payment provider. */
export interface CancellationFollowUp {
  refundId?: string
  expireCheckout?: string
}

/**
 * In a cancellation's transaction (server/services/orders.ts `moveOrder`): a payment still
 * awaited is called off; one received opens a full refund, and its invoice gets a credit note.
 */
export async function cancelPayment(tx: Database, order: OrderRow): Promise<CancellationFollowUp> {
  await tx.update(orders).set({ paymentDueAt: null }).where(eq(orders.id, order.id))
  const [payment] = await tx.select().from(payments).where(and(eq(payments.orderId, order.id), eq(payments.kind, 'payment'))).for('update')
  if (!payment) return {}
  if (payment.status === 'pending') {
    await tx.update(payments).set({ status: 'cancelled', checkoutUrl: null }).where(eq(payments.id, payment.id))
    return { expireCheckout: payment.provider === 'stripe' ? payment.reference ?? undefined : undefined }
  }
  if (payment.status !== 'succeeded') return {}
  const refundId = await openRefund(tx, payment)
  // Last: the credit note's number stays locked until the commit.
  await issueInvoice(tx, order.id, 'credit_note')
  return { refundId }
}

/** Tells the provider, once the cancellation is committed; what fails is retried by the payments job. */
export async function followUpCancellation(db: Database, followUp: CancellationFollowUp) {
  if (followUp.refundId) await sendRefund(db, followUp.refundId)
  if (followUp.expireCheckout) {
    try {
      await useStripe()?.checkout.sessions.expire(followUp.expireCheckout)
    }
    catch (error) {
      // A session already completed or expired cannot be expired: its payment, if any, is refunded by the webhook's path.
      logger.warn('could not expire a Stripe Checkout Session', { session: followUp.expireCheckout, error: (error as Error).message })
    }
  }
}

/**
 * Sends a pending refund to its provider. Stripe's is created with the refund's id as its
 * idempotency key, so a retry never refunds twice; a bank transfer is sent by a person,
 * who then marks it sent (`markRefundSent`).
 */
export async function sendRefund(db: Database, refundId: string) {
  const [refund] = await db.select().from(payments).where(and(eq(payments.id, refundId), eq(payments.kind, 'refund'), eq(payments.status, 'pending')))
  if (!refund || refund.provider !== 'stripe') return
  const stripe = useStripe()
  const [payment] = await db.select().from(payments).where(and(eq(payments.orderId, refund.orderId), eq(payments.kind, 'payment')))
  if (!stripe || !payment?.providerPaymentId) {
    logger.error('a card refund cannot be sent: Stripe is not configured or the payment has no PaymentIntent', { refund_id: refundId })
    return
  }
  try {
    const sent = await stripe.refunds.create(
      { payment_intent: payment.providerPaymentId, amount: refund.amountCents, metadata: { order_id: refund.orderId, refund_id: refund.id } },
      { idempotencyKey: `refund-${refund.id}` },
    )
    await recordRefundState(db, sent)
  }
  catch (error) {
    logger.warn('refund not sent yet, will retry', { refund_id: refundId, error: (error as Error).message })
  }
}

/** A Stripe Refund's state, on our refund row (found by our id in its metadata, or by its own id). */
async function recordRefundState(db: Database, refund: Stripe.Refund) {
  const status = refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending'
  const ours = refund.metadata?.refund_id
  await db.update(payments).set({ providerPaymentId: refund.id, status, settledAt: status === 'pending' ? null : sql`now()` })
    .where(and(
      eq(payments.kind, 'refund'),
      eq(payments.provider, 'stripe'),
      eq(payments.status, 'pending'),
      ours && /^[0-9a-f-]{36}$/.test(ours) ? eq(payments.id, ours) : eq(payments.providerPaymentId, refund.id),
    ))
}

/**
 * Opens (or reopens) Stripe Checkout for an order awaiting its card payment and returns the
 * page to send the customer to. The session's idempotency key is the payment's state, so
 * two clicks at once get one session; the order is confirmed only by Stripe's webhook.
 */
export async function startCardCheckout(db: Database, orderId: string, buyer: { id: string, email: string }, locale: ShopLocale = DEFAULT_LOCALE) {
  const stripe = useStripe()
  const [row] = await db.select({ order: orders, payment: payments }).from(orders)
    .leftJoin(payments, and(eq(payments.orderId, orders.id), eq(payments.kind, 'payment')))
    .where(and(eq(orders.id, orderId), eq(orders.userId, buyer.id)))
  if (!row) throw apiError(404, 'Order not found')
  const { order, payment } = row
  if (order.status !== 'awaiting_payment' || !payment || payment.status !== 'pending') throw apiError(409, 'This order is not awaiting a payment')
  if (payment.provider !== 'stripe') throw apiError(409, 'This order is paid by bank transfer: see its page for the details')
  if (!stripe) throw apiError(503, 'Card payments are not available right now')
  // A session stays open at least 30 minutes (Stripe's minimum): one opened less than 25 minutes ago is offered again.
  if (payment.checkoutUrl && Date.now() - payment.updatedAt.getTime() < 25 * 60_000) return { checkoutUrl: payment.checkoutUrl }
  // The page opened before must not stay payable beside the new one.
  if (payment.reference) {
    try {
      await stripe.checkout.sessions.expire(payment.reference)
    }
    catch (error) {
      const [again] = await db.select({ status: payments.status }).from(payments).where(eq(payments.id, payment.id))
      if (again?.status === 'succeeded') throw apiError(409, 'This order is paid: its confirmation is on its way')
      // Already expired (or paid a moment ago, which its webhook settles): a new page is safe either way.
      logger.info('the previous Checkout Session could not be expired', { session: payment.reference, error: (error as Error).message })
    }
  }
  // Back to the order's page in the buyer's language.
  const orderPage = `${useConfig().siteUrl}${locale === DEFAULT_LOCALE ? '' : `/${locale}`}/orders/${order.id}`
  const dueIn = Math.floor(((order.paymentDueAt?.getTime() ?? Date.now()) - Date.now()) / 1000)
  // To the minute, so that two clicks a second apart send Stripe the same request under the same key.
  const expiresAt = Math.ceil((Date.now() / 1000 + Math.min(24 * 3600, Math.max(31 * 60, dueIn))) / 60) * 60
  let session: Stripe.Checkout.Session
  try {
    session = await stripe.checkout.sessions.create({
      mode: 'payment',
      client_reference_id: order.id,
      customer_email: buyer.email,
      line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: payment.amountCents, product_data: { name: `Comptoir order ${order.id.slice(0, 8)}` } } }],
      metadata: { order_id: order.id, payment_id: payment.id },
      payment_intent_data: { metadata: { order_id: order.id, payment_id: payment.id } },
      success_url: `${orderPage}?paid=1`,
      cancel_url: orderPage,
      expires_at: expiresAt,
      locale,
    }, { idempotencyKey: `checkout-${payment.id}-${payment.updatedAt.getTime()}-${expiresAt}-${locale}` })
  }
  catch (error) {
    logger.warn('Stripe Checkout could not be opened', { order_id: order.id, error: (error as Error).message })
    throw apiError(502, 'The card payment page could not be opened; try again in a moment')
  }
  await db.update(payments).set({ reference: session.id, checkoutUrl: session.url })
    .where(and(eq(payments.id, payment.id), eq(payments.status, 'pending')))
  return { checkoutUrl: session.url! }
}

export type StripeEventOutcome = Settlement['outcome'] | 'duplicate' | 'ignored' | 'refund-updated'

/**
 * One verified Stripe event, handled once: its id is recorded in the same transaction as
 * its effect, so a redelivery (or a replay of a captured request within the signature's
 * five minutes) finds it and does nothing. Unknown types are acknowledged and ignored.
 */
export async function handleStripeEvent(db: Database, event: Stripe.Event): Promise<StripeEventOutcome> {
  const handled: { outcome: StripeEventOutcome, refundId?: string, strayPayment?: string } = await db.transaction(async (tx) => {
    const [fresh] = await tx.insert(paymentEvents).values({ provider: 'stripe', eventId: event.id, type: event.type })
      .onConflictDoNothing().returning({ eventId: paymentEvents.eventId })
    if (!fresh) return { outcome: 'duplicate' as const }
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded': {
        const session = event.data.object
        const orderId = session.metadata?.order_id ?? session.client_reference_id
        if (session.payment_status !== 'paid' || !orderId || !isUuid(orderId)) return { outcome: 'ignored' as const }
        const intent = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id
        return settlePayment(tx, orderId, 'stripe', { amountCents: session.amount_total ?? 0, providerPaymentId: intent, actorId: null })
      }
      case 'payment_intent.succeeded': {
        const intent = event.data.object
        const orderId = intent.metadata?.order_id
        if (!orderId || !isUuid(orderId)) return { outcome: 'ignored' as const }
        return settlePayment(tx, orderId, 'stripe', { amountCents: intent.amount_received, providerPaymentId: intent.id, actorId: null })
      }
      case 'refund.created':
      case 'refund.updated':
        await recordRefundState(tx, event.data.object)
        return { outcome: 'refund-updated' as const }
      default:
        return { outcome: 'ignored' as const }
    }
  })
  if (handled.refundId) await sendRefund(db, handled.refundId)
  if (handled.strayPayment) await refundStray(handled.strayPayment)
  return handled.outcome
}

/**
 * Sends back, whole, a card payment the order did not need (its id as the idempotency key:
 * once, however often Stripe tells us). It has no row of its own: the log says what was sent
 * back, and Stripe's dashboard shows it.
 */
async function refundStray(paymentIntent: string) {
  try {
    const refund = await useStripe()?.refunds.create({ payment_intent: paymentIntent, metadata: { reason: 'stray payment' } }, { idempotencyKey: `refund-stray-${paymentIntent}` })
    logger.warn('a stray card payment was refunded', { payment_intent: paymentIntent, refund: refund?.id })
  }
  catch (error) {
    logger.error('a stray card payment could not be refunded: refund it from Stripe\'s dashboard', { payment_intent: paymentIntent, error: (error as Error).message })
  }
}

function isUuid(value: string) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}

/**
 * An admin records a bank transfer received for an order: it is confirmed and invoiced,
 * or, cancelled meanwhile, the money is to be sent back (a refund opens).
 */
export async function markTransferReceived(db: Database, orderId: string, admin: Actor) {
  const settlement = await db.transaction(async (tx) => {
    const [payment] = await tx.select().from(payments).where(and(eq(payments.orderId, orderId), eq(payments.kind, 'payment')))
    if (!payment) throw apiError(404, 'This order has no payment to record')
    if (payment.provider !== 'bank_transfer') throw apiError(409, 'This order is paid by card: Stripe confirms it')
    const settled = await settlePayment(tx, orderId, 'bank_transfer', { amountCents: payment.amountCents, actorId: admin.id })
    if (settled.outcome === 'already-paid') throw apiError(409, 'This transfer was already recorded')
    if (settled.outcome === 'unknown') throw apiError(404, 'Order not found')
    await recordAudit(tx, admin, { action: 'payment.received', entity: 'order', entityId: orderId, before: { status: payment.status }, after: { status: 'succeeded' } })
    return settled
  })
  return settlement
}

/** An admin records that the transfer refunding an order was sent. */
export async function markRefundSent(db: Database, orderId: string, admin: Actor) {
  await db.transaction(async (tx) => {
    const [refund] = await tx.update(payments).set({ status: 'succeeded', settledAt: sql`now()` })
      .where(and(eq(payments.orderId, orderId), eq(payments.kind, 'refund'), eq(payments.provider, 'bank_transfer'), eq(payments.status, 'pending')))
      .returning({ id: payments.id })
    if (!refund) throw apiError(409, 'This order has no bank refund waiting to be sent')
    await recordAudit(tx, admin, { action: 'refund.sent', entity: 'order', entityId: orderId, before: { status: 'pending' }, after: { status: 'succeeded' } })
  })
}

/** Orders whose payment is due by `now`, oldest first: the payments job cancels them. */
export async function unpaidOrdersDue(db: Database, now: Date, limit = 50) {
  const rows = await db.select({ id: orders.id }).from(orders)
    .where(and(isNotNull(orders.paymentDueAt), lte(orders.paymentDueAt, now)))
    .orderBy(asc(orders.paymentDueAt)).limit(limit)
  return rows.map(row => row.id)
}

/** Card refunds that were opened but never reached Stripe (it was down, the process stopped): sent again. */
export async function retryPendingRefunds(db: Database) {
  const rows = await db.select({ id: payments.id }).from(payments)
    .where(and(eq(payments.kind, 'refund'), eq(payments.status, 'pending'), eq(payments.provider, 'stripe'), isNull(payments.providerPaymentId), lt(payments.createdAt, sql`now() - interval '30 seconds'`)))
    .limit(20)
  for (const row of rows) await sendRefund(db, row.id)
  return rows.length
}
