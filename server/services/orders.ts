import { createHash } from 'node:crypto'
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { idempotencyKeys, orderEvents, orderItems, orders, products, stockMovements, users } from '../../drizzle/schema'
import type { OrderCreateInput, OrderListQuery } from '#shared/schemas/orders'
import type { OrderDetailJson, OrderJson } from '#shared/types/api'
import type { Page } from '#shared/utils/pagination'
import { centsToAmount, formatPrice } from '#shared/utils/money'
import { formatVatRate, taxOrder, taxShipping, taxTotals, vatRateFromBp } from '#shared/utils/vat'
import type { OrderStatus } from '#shared/utils/order-status'
import { canMove } from '#shared/utils/order-status'
import { DEFAULT_LOCALE } from '#shared/utils/locale'
import type { ShopLocale } from '#shared/utils/locale'
import type { Database } from '../database/client'
import { readPage } from '../database/pages'
import { apiError } from '../lib/errors'
import { recordAudit } from './audit'
import type { Actor } from './audit'
import { formatAddress } from '#shared/utils/addresses'
import type { PostalAddress } from '#shared/utils/addresses'
import { findAddress, saveAddress } from './addresses'
import { invoicesOf } from './invoices'
import { recordRedemption, redeemCode, releaseRedemption } from './discounts'
import { enqueueEmail } from './mail'
import { mailWords } from '../i18n/mails'
import { chosenShipping, hasShippingMethods } from './shipping'
import { assertPaymentMethod, bankDetails, cancelPayment, followUpCancellation, openPayment, paymentInstructions, paymentsOf, paymentWindowSeconds, toPaymentJson, unpaidOrdersDue } from './payments'
import type { CancellationFollowUp } from './payments'
import { catalogChanged } from './products'

type OrderRow = typeof orders.$inferSelect
type ItemRow = typeof orderItems.$inferSelect

const IDEMPOTENCY_HOURS = 24

function toOrderJson(order: OrderRow, items: ItemRow[]): OrderJson {
  const goods = taxTotals(items.map(item => ({ rateBp: item.vatRateBp, grossCents: item.unitPriceCents * item.quantity - item.discountCents, netCents: item.netCents, vatCents: item.vatCents })))
  // The delivery's share of each rate is worked out again by the same rule that split it when the order was placed.
  const vat = taxTotals([...goods.byRate, ...taxShipping(order.shippingCents, goods.byRate)])
  return {
    id: order.id,
    user_id: order.userId,
    status: order.status,
    total_amount: centsToAmount(order.totalCents),
    net_amount: centsToAmount(order.netCents),
    vat_amount: centsToAmount(order.vatCents),
    vat: vat.byRate.map(rate => ({ rate: vatRateFromBp(rate.rateBp), net: centsToAmount(rate.netCents), vat: centsToAmount(rate.vatCents), gross: centsToAmount(rate.grossCents) })),
    shipping_address: order.shippingAddress,
    notes: order.notes,
    payment_due_at: order.paymentDueAt?.toISOString() ?? null,
    shipping_details: order.shippingDetails,
    billing_details: order.billingDetails,
    shipping: order.shippingMethodName === null
      ? null
      : { method_id: order.shippingMethodId, method_name: order.shippingMethodName, amount: centsToAmount(order.shippingCents), net: centsToAmount(order.shippingNetCents), vat: centsToAmount(order.shippingVatCents) },
    discount: order.discountCode === null ? null : { code: order.discountCode, amount: centsToAmount(order.discountCents) },
    items: items.map(item => ({
      id: item.id,
      product_id: item.productId,
      product_name: item.productName,
      quantity: item.quantity,
      unit_price: centsToAmount(item.unitPriceCents),
      subtotal: centsToAmount(item.unitPriceCents * item.quantity),
      discount: centsToAmount(item.discountCents),
      vat_rate: vatRateFromBp(item.vatRateBp),
      net: centsToAmount(item.netCents),
      vat: centsToAmount(item.vatCents),
    })),
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
  }
}

/** Items of several orders in one query: no N+1. */
async function withItems(db: Database, rows: OrderRow[]) {
  if (rows.length === 0) return []
  const items = await db.select().from(orderItems).where(inArray(orderItems.orderId, rows.map(row => row.id)))
  return rows.map(row => toOrderJson(row, items.filter(item => item.orderId === row.id)))
}

function requestHash(input: OrderCreateInput) {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex')
}

/**
 * Where an order goes: a structured address (given, or from the buyer's book) and its text,
 * or the text an API client sent. A delivery needs the structured form (its country), and a
 * shop that offers deliveries needs one chosen for it.
 */
async function deliveryAddress(db: Database, buyerId: string, input: OrderCreateInput) {
  let structured: PostalAddress | null = input.address ?? null
  if (input.address_id) {
    const saved = await findAddress(db, buyerId, input.address_id)
    if (!saved) throw apiError(400, 'Validation failed', { details: { address_id: ['Not one of your saved addresses'] } })
    const { id: _id, is_default: _default, created_at: _created, ...address } = saved
    structured = address
  }
  if (input.shipping_method_id && !structured) {
    throw apiError(400, 'Validation failed', { details: { shipping_method_id: ['A delivery needs a structured address (address or address_id): its country decides the price'] } })
  }
  // A text address (the contract's form) leaves the delivery to be arranged by the shop, which
  // confirms such orders itself: an order paid through the shop pays its delivery too.
  if ((structured ? !input.shipping_method_id : input.payment_method) && await hasShippingMethods(db)) {
    throw apiError(400, 'Validation failed', structured
      ? { details: { shipping_method_id: ['Choose a delivery'] } }
      : { details: { shipping_address: ['Paying through the shop needs a structured address (address or address_id) and a delivery'] } })
  }
  return { structured, text: structured ? formatAddress(structured) : input.shipping_address! }
}

/** Checkout's "save this address": kept unless the book is full (the order matters more). */
async function keepInAddressBook(tx: Database, userId: string, address: PostalAddress) {
  try {
    await saveAddress(tx, userId, { ...address, line2: address.line2 ?? null, phone: address.phone ?? null, is_default: false })
  }
  catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 409) throw error
  }
}

export interface Buyer {
  id: string
  email: string
  emailVerified: boolean
  /** The language of the order's mails; English when not given. */
  locale?: ShopLocale
}

export type CreateOrderResult = { order: OrderJson, replayed: boolean }

/**
 * Places an order, all or nothing, in one transaction: the products are locked in id order
 * (so two orders never deadlock), every line is checked, then stock is taken with a
 * conditional UPDATE that can never go below zero, prices are captured from the database,
 * and the ledger, the timeline and the confirmation e-mail are written with it.
 *
 * With an Idempotency-Key, the first request inserts the key; a concurrent or later one
 * with the same key, within 24 hours, waits on that row and gets the same order back.
 *
 * Round trips are few: statements that do not wait for each other's answer are sent
 * together (postgres.js pipelines them on the transaction's connection, in the order
 * given), so a new order costs BEGIN, claim + lock, the writes, the mail, COMMIT.
 */
export async function createOrder(db: Database, buyer: Buyer, input: OrderCreateInput, idempotencyKey?: string): Promise<CreateOrderResult> {
  // The shop mails every order: only to an address its owner confirmed.
  if (!buyer.emailVerified) {
    throw apiError(403, 'Confirm your e-mail address before ordering: open the link we mailed you, or ask for a new one from your account page', {
      details: { email: ['Not confirmed yet'] },
    })
  }
  if (input.payment_method) assertPaymentMethod(input.payment_method)
  const destination = await deliveryAddress(db, buyer.id, input)
  const lines = [...input.items].sort((a, b) => a.product_id.localeCompare(b.product_id))
  const hash = idempotencyKey ? requestHash(input) : undefined
  return db.transaction(async (tx) => {
    const [claim, locked] = await Promise.all([
      idempotencyKey && hash
        ? tx.insert(idempotencyKeys)
            .values({ userId: buyer.id, key: idempotencyKey, requestHash: hash, expiresAt: sql`now() + make_interval(hours => ${IDEMPOTENCY_HOURS})` })
            // A key past its 24 hours is free again, whether or not pruning has deleted it yet.
            .onConflictDoUpdate({
              target: [idempotencyKeys.userId, idempotencyKeys.key],
              set: { requestHash: hash, orderId: null, responseStatus: null, createdAt: sql`now()`, expiresAt: sql`excluded.expires_at` },
              setWhere: sql`${idempotencyKeys.expiresAt} <= now()`,
            })
            .returning({ id: idempotencyKeys.id })
        : undefined,
      tx.select().from(products)
        .where(inArray(products.id, lines.map(line => line.product_id)))
        .orderBy(products.id)
        .for('update'),
    ])
    if (idempotencyKey && claim?.length === 0) {
      const [previous] = await tx.select().from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, buyer.id), eq(idempotencyKeys.key, idempotencyKey)))
      if (!previous || previous.requestHash !== hash) throw apiError(422, 'This Idempotency-Key was already used for a different order')
      if (!previous.orderId) throw apiError(409, 'An order with this Idempotency-Key is still being placed')
      return { order: (await getOrder(tx, previous.orderId, { userId: buyer.id }))!, replayed: true }
    }
    const byId = new Map(locked.map(product => [product.id, product]))

    const details: Record<string, string[]> = {}
    input.items.forEach((line, index) => {
      const product = byId.get(line.product_id)
      if (!product || !product.isActive) details[`items.${index}.product_id`] = ['This product is not for sale']
      else if (product.stock < line.quantity) {
        details[`items.${index}.quantity`] = [product.stock === 0 ? `${product.name} is out of stock` : `Only ${product.stock} of ${product.name} left`]
      }
    })
    if (Object.keys(details).length > 0) throw apiError(409, 'Some items are not available in the quantity asked', { details })

    // The rows are locked and checked: every answer below is known before it comes back.
    const orderId = crypto.randomUUID()
    const picked = lines.map(line => ({ line, product: byId.get(line.product_id)! }))
    const fullGoodsCents = picked.reduce((sum, { line, product }) => sum + product.priceCents * line.quantity, 0)
    // A code's use is taken now, on the code's row: a failure below gives it back with the rest.
    const redeemed = input.discount_code ? await redeemCode(tx, input.discount_code, buyer.id, fullGoodsCents) : undefined
    const parcel = {
      weightGrams: picked.reduce((sum, { line, product }) => sum + product.weightGrams * line.quantity, 0),
      // Free delivery thresholds look at what the goods cost after the discount.
      goodsGrossCents: fullGoodsCents - (redeemed?.discountCents ?? 0),
    }
    const delivery = input.shipping_method_id && destination.structured
      ? await chosenShipping(tx, input.shipping_method_id, destination.structured.country, parcel)
      : undefined
    if (delivery?.problem) throw apiError(400, 'This delivery cannot take the order', { details: { shipping_method_id: [delivery.problem] } })
    // Prices include VAT: a discount comes off the lines first, each line's net and VAT are worked
    // out from what is left, the delivery's split between the goods' rates, and the order's figures are their sums.
    const totals = taxOrder(picked.map(({ line, product }) => ({ unitGrossCents: product.priceCents, quantity: line.quantity, rateBp: product.vatRateBp })), { shippingGrossCents: delivery?.priceCents ?? 0, discountCents: redeemed?.discountCents ?? 0 })
    const chosen = picked.map((pick, index) => ({ ...pick, tax: totals.lines[index]! }))
    // Paid through the shop, the order awaits its money and holds its stock until the due time (nothing to pay: nothing to await).
    const method = totals.grossCents > 0 ? input.payment_method : undefined
    const dueAt = method ? new Date(Date.now() + paymentWindowSeconds(method) * 1000) : null
    const status = method ? 'awaiting_payment' as const : 'pending' as const
    // Conditional even under the lock: the database, not this code, has the last word on stock.
    const takeStock = Promise.all(chosen.map(({ line, product }) => tx.update(products)
      .set({ stock: sql`${products.stock} - ${line.quantity}` })
      .where(and(eq(products.id, product.id), sql`${products.stock} >= ${line.quantity}`))
      .returning({ stock: products.stock })))
    // The confirmation mail, in the buyer's language.
    const locale = buyer.locale ?? DEFAULT_LOCALE
    const words = mailWords(locale).placed
    const price = (cents: number) => formatPrice(centsToAmount(cents), locale)
    const write = Promise.all([
      tx.insert(orders).values({
        id: orderId,
        userId: buyer.id,
        totalCents: totals.grossCents,
        netCents: totals.netCents,
        vatCents: totals.vatCents,
        shippingAddress: destination.text,
        shippingDetails: destination.structured,
        billingDetails: input.billing_address ?? null,
        shippingMethodId: delivery?.method?.id ?? null,
        shippingMethodName: delivery?.method?.name ?? null,
        shippingCents: totals.shipping.grossCents,
        shippingNetCents: totals.shipping.netCents,
        shippingVatCents: totals.shipping.vatCents,
        weightGrams: parcel.weightGrams,
        discountCode: redeemed?.code.code ?? null,
        discountCents: totals.discountCents,
        notes: input.notes || null,
        status,
        paymentDueAt: dueAt,
      }).returning(),
      tx.insert(orderItems).values(chosen.map(({ line, product, tax }) => ({
        orderId,
        productId: product.id,
        productName: product.name,
        quantity: line.quantity,
        unitPriceCents: product.priceCents,
        unitCostCents: product.costCents,
        vatRateBp: product.vatRateBp,
        discountCents: tax.discountCents,
        netCents: tax.netCents,
        vatCents: tax.vatCents,
      }))).returning(),
      tx.insert(stockMovements).values(chosen.map(({ line, product }) => ({
        productId: product.id, delta: -line.quantity, stockAfter: product.stock - line.quantity, reason: 'order' as const, orderId, actorId: buyer.id,
      }))),
      tx.insert(orderEvents).values({ orderId, toStatus: status, actorId: buyer.id }),
      method ? openPayment(tx, orderId, method, totals.grossCents) : undefined,
      redeemed ? recordRedemption(tx, { codeId: redeemed.code.id, userId: buyer.id, orderId, amountCents: totals.discountCents }) : undefined,
      idempotencyKey
        ? tx.update(idempotencyKeys).set({ orderId, responseStatus: 201 })
            .where(and(eq(idempotencyKeys.userId, buyer.id), eq(idempotencyKeys.key, idempotencyKey)))
        : undefined,
      catalogChanged(tx, lines.map(line => line.product_id)),
      enqueueEmail(tx, {
        userId: buyer.id,
        to: buyer.email,
        subject: words.subject(orderId.slice(0, 8)),
        text: [
          words.thanks,
          '',
          ...chosen.map(({ line, product }) => `${line.quantity} × ${product.name}  ${price(product.priceCents * line.quantity)}`),
          ...(redeemed ? [`${words.discount(redeemed.code.code)}  -${price(totals.discountCents)}`] : []),
          ...(delivery?.method ? [`${words.delivery(delivery.method.name)}  ${price(totals.shipping.grossCents)}`] : []),
          '',
          words.net(price(totals.netCents)),
          ...totals.byRate.map(rate => words.vat(formatVatRate(vatRateFromBp(rate.rateBp), locale), price(rate.netCents), price(rate.vatCents))),
          words.gross(price(totals.grossCents)),
          '',
          ...(method ? [...paymentInstructions(method, orderId, totals.grossCents, dueAt!, locale), ''] : []),
          words.shipTo,
          destination.structured ? formatAddress(destination.structured, locale) : destination.text,
        ].join('\n'),
      }),
    ])
    const [taken, [[order], items]] = await Promise.all([takeStock, write])
    taken.forEach(([row], index) => {
      const { line, product } = chosen[index]!
      if (row?.stock !== product.stock - line.quantity) throw apiError(409, `Only ${product.stock} of ${product.name} left`)
    })
    if (input.save_address && input.address) await keepInAddressBook(tx, buyer.id, input.address)
    return { order: toOrderJson(order!, items), replayed: false }
  })
}

/** One order with its items and timeline; `userId` scopes it to its owner (someone else's is "not found"). */
export async function getOrder(db: Database, id: string, { userId }: { userId?: string } = {}): Promise<OrderDetailJson | undefined> {
  const [order] = await db.select().from(orders).where(and(eq(orders.id, id), userId ? eq(orders.userId, userId) : undefined))
  if (!order) return undefined
  const [items, events, { payment, refund }, invoices] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, id)),
    db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(orderEvents.createdAt),
    paymentsOf(db, id),
    invoicesOf(db, id),
  ])
  const awaitingTransfer = order.status === 'awaiting_payment' && payment?.provider === 'bank_transfer'
  return {
    ...toOrderJson(order, items),
    events: events.map(event => ({ from_status: event.fromStatus, status: event.toStatus, created_at: event.createdAt.toISOString() })),
    payment: payment ? toPaymentJson(payment) : null,
    refund: refund ? toPaymentJson(refund) : null,
    bank_details: awaitingTransfer ? bankDetails() : null,
    invoices,
  }
}

export async function listOrders(db: Database, query: OrderListQuery, { userId }: { userId?: string } = {}): Promise<Page<OrderJson>> {
  const filters: SQL[] = []
  if (userId) filters.push(eq(orders.userId, userId))
  else if (query.user_id) filters.push(eq(orders.userId, query.user_id))
  if (query.status) filters.push(eq(orders.status, query.status))
  if (query.from) filters.push(gte(orders.createdAt, new Date(`${query.from}T00:00:00Z`)))
  if (query.to) filters.push(lt(orders.createdAt, new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000)))
  const where = and(...filters)
  return readPage(db, query, {
    table: orders,
    where,
    rows: async window => withItems(db, await db.select().from(orders).where(where).orderBy(desc(orders.createdAt), desc(orders.id)).limit(window.limit).offset(window.offset)),
  })
}

export interface OrderMover {
  /** Who moves it: a person, or null for the shop itself (the payments job). */
  id: string | null
  /** Only an order of this user (a customer cancelling their own). */
  ownerOnly?: boolean
  audit?: Actor
  /** The payments job: only an order still awaiting a payment due by then. */
  unpaidBy?: Date
}

/**
 * Moves an order to `to` if that is a legal move from where it stands. The order row is
 * locked and the move is one conditional UPDATE on its status, so of two concurrent moves
 * (or a move and a payment) only one happens, and a cancellation restores the stock
 * exactly once. Cancelling calls off a payment still awaited, or refunds one received
 * (with a credit note); the provider is told once the cancellation is committed.
 */
export async function moveOrder(db: Database, id: string, to: OrderStatus, actor: OrderMover): Promise<OrderDetailJson> {
  const { followUp } = await db.transaction(async (tx) => {
    const scope = and(eq(orders.id, id), actor.ownerOnly && actor.id ? eq(orders.userId, actor.id) : undefined)
    const [current] = await tx.select().from(orders).where(scope).for('update')
    if (!current) throw apiError(404, 'Order not found')
    if (actor.unpaidBy && !(current.status === 'awaiting_payment' && current.paymentDueAt && current.paymentDueAt <= actor.unpaidBy)) {
      throw apiError(409, 'This order is no longer awaiting a payment due by then')
    }
    if (!canMove(current.status, to)) {
      throw apiError(409, to === 'cancelled'
        ? `This order is ${current.status} and can no longer be cancelled`
        : current.status === 'awaiting_payment'
          ? 'This order awaits its payment: it is confirmed when the payment is received'
          : `An order cannot go from ${current.status} to ${to}`)
    }
    const [moved] = await tx.update(orders).set({ status: to })
      .where(and(eq(orders.id, id), eq(orders.status, current.status)))
      .returning()
    if (!moved) throw apiError(409, 'The order changed meanwhile; reload it')

    let followUp: CancellationFollowUp = {}
    if (to === 'cancelled') {
      const items = await tx.select().from(orderItems).where(eq(orderItems.orderId, id)).orderBy(orderItems.productId)
      for (const item of items) {
        const [restored] = await tx.update(products).set({ stock: sql`${products.stock} + ${item.quantity}` })
          .where(eq(products.id, item.productId)).returning({ stock: products.stock })
        await tx.insert(stockMovements).values({ productId: item.productId, delta: item.quantity, stockAfter: restored!.stock, reason: 'cancel', orderId: id, actorId: actor.id })
      }
      await catalogChanged(tx, items.map(item => item.productId))
      await releaseRedemption(tx, id)
    }
    await tx.insert(orderEvents).values({ orderId: id, fromStatus: current.status, toStatus: to, actorId: actor.id })
    if (actor.audit) {
      await recordAudit(tx, actor.audit, { action: 'order.status', entity: 'order', entityId: id, before: { status: current.status }, after: { status: to } })
    }
    if (to === 'cancelled') followUp = await cancelPayment(tx, current)
    const [owner] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, moved.userId))
    const words = mailWords(owner?.locale ?? DEFAULT_LOCALE).status
    const news = actor.unpaidBy ? words.unpaid : words.news[to]
    if (owner && news) {
      const refund = followUp.refundId ? words.refund : ''
      await enqueueEmail(tx, { userId: moved.userId, to: owner.email, subject: words.subject(id.slice(0, 8), to), text: `${words.text(id.slice(0, 8), news)}${refund}` })
    }
    return { followUp }
  })
  await followUpCancellation(db, followUp)
  return (await getOrder(db, id))!
}

/**
 * The payments job: every order whose payment is due by `now` and has not come is
 * cancelled, its stock restored and its customer mailed. An order paid meanwhile (the
 * payment locked it first) is left alone. Returns how many were released.
 */
export async function releaseUnpaidOrders(db: Database, now = new Date()) {
  let released = 0
  for (const id of await unpaidOrdersDue(db, now)) {
    try {
      await moveOrder(db, id, 'cancelled', { id: null, unpaidBy: now })
      released++
    }
    catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 409) throw error
    }
  }
  return released
}
