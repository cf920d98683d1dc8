import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { emailOutbox, invoices, orders, payments, products, stockMovements, users } from '../../drizzle/schema'
import { createOrder, releaseUnpaidOrders } from '../../server/services/orders'
import { markTransferReceived } from '../../server/services/payments'
import { openMigratedTestDatabase } from '../support/database'

/**
 * The payments job's rules on a real database of its own (PGlite, or PostgreSQL when
 * DATABASE_URL is set), with the clock in the test's hands: `releaseUnpaidOrders(db, now)`.
 */
let handle: Awaited<ReturnType<typeof openMigratedTestDatabase>>

beforeAll(async () => {
  // The services read the shop's configuration: a production one, with a bank account for transfers.
  vi.stubEnv('JWT_SECRET', 'release-test-secret-that-is-32-bytes-or-more')
  vi.stubEnv('SITE_URL', 'https://shop.example')
  vi.stubEnv('BANK_ACCOUNT_HOLDER', 'Comptoir Test SAS')
  vi.stubEnv('BANK_IBAN', 'FR7630006000011234567890189')
  vi.stubEnv('BANK_BIC', 'AGRIFRPPXXX')
  vi.stubEnv('TRANSFER_PAYMENT_WINDOW', '2d')
  handle = await openMigratedTestDatabase('release')
})
afterAll(async () => {
  await handle.close()
  vi.unstubAllEnvs()
})

let n = 0
async function transferOrder(quantity = 2) {
  const { db } = handle
  const [user] = await db.insert(users).values({ email: `r${++n}@test.example`, username: `release${n}`, passwordHash: 'x', emailVerifiedAt: new Date() }).returning()
  const [product] = await db.insert(products).values({ name: `Release test ${n}`, priceCents: 1250, stock: 10 }).returning()
  const { order } = await createOrder(db, { id: user!.id, email: user!.email, emailVerified: true }, { items: [{ product_id: product!.id, quantity }], shipping_address: 'Ada Lovelace, 3 rue des Fleurs, 75011 Paris', notes: null, payment_method: 'bank_transfer' })
  return { order, product: product!, user: user! }
}

const stock = async (id: string) => (await handle.db.select({ stock: products.stock }).from(products).where(eq(products.id, id)))[0]!.stock
const statusOf = async (id: string) => (await handle.db.select({ status: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.status
const DAY = 86_400_000

describe('an invoice', () => {
  it('is made out to the billing address when the order has one, else to where the goods went', async () => {
    const { db } = handle
    const [user] = await db.insert(users).values({ email: `bill${++n}@test.example`, username: `billing${n}`, passwordHash: 'x', fullName: 'Ada Lovelace', emailVerifiedAt: new Date() }).returning()
    const [product] = await db.insert(products).values({ name: `Billing test ${n}`, priceCents: 1000, stock: 10 }).returning()
    const buyer = { id: user!.id, email: user!.email, emailVerified: true }
    const billing = { full_name: 'Lovelace Engines SARL', line1: '8 quai Saint-Vincent', line2: null, postcode: '69001', city: 'Lyon', country: 'FR' as const, phone: null }
    const billed = await createOrder(db, buyer, { items: [{ product_id: product!.id, quantity: 1 }], shipping_address: 'Ada Lovelace\n3 rue des Fleurs\n75011 Paris', billing_address: billing, payment_method: 'bank_transfer' })
    const plain = await createOrder(db, buyer, { items: [{ product_id: product!.id, quantity: 1 }], shipping_address: 'Ada Lovelace\n3 rue des Fleurs\n75011 Paris', payment_method: 'bank_transfer' })
    for (const { order } of [billed, plain]) await markTransferReceived(db, order.id, { id: user!.id })
    const [toBilling] = await db.select().from(invoices).where(eq(invoices.orderId, billed.order.id))
    const [toShipping] = await db.select().from(invoices).where(eq(invoices.orderId, plain.order.id))
    expect(toBilling!.buyer).toMatchObject({ name: 'Lovelace Engines SARL', address: ['Lovelace Engines SARL', '8 quai Saint-Vincent', '69001 Lyon', 'France'] })
    expect(toShipping!.buyer).toMatchObject({ name: 'Ada Lovelace', address: ['Ada Lovelace', '3 rue des Fleurs', '75011 Paris'] })
  })
})

describe('releaseUnpaidOrders', () => {
  it('leaves an order alone until its payment is due, then cancels it, restores its stock once and mails its customer', async () => {
    const { order, product, user } = await transferOrder(3)
    expect(await stock(product.id)).toBe(7)
    const due = Date.parse(order.payment_due_at!)
    expect(due - Date.now()).toBeGreaterThan(2 * DAY - 60_000)

    expect(await releaseUnpaidOrders(handle.db, new Date(due - 1000))).toBe(0)
    expect(await statusOf(order.id)).toBe('awaiting_payment')

    expect(await releaseUnpaidOrders(handle.db, new Date(due + 1000))).toBeGreaterThanOrEqual(1)
    expect(await statusOf(order.id)).toBe('cancelled')
    expect(await stock(product.id)).toBe(10)
    // Again later: nothing more to do, nothing restored twice.
    await releaseUnpaidOrders(handle.db, new Date(due + DAY))
    expect(await stock(product.id)).toBe(10)
    const restocks = await handle.db.select().from(stockMovements).where(eq(stockMovements.orderId, order.id))
    expect(restocks.filter(row => row.reason === 'cancel')).toHaveLength(1)
    const [payment] = await handle.db.select().from(payments).where(eq(payments.orderId, order.id))
    expect(payment!.status).toBe('cancelled')
    const mails = await handle.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, user.email))
    expect(mails.some(mail => mail.textBody.includes('was not paid in time and has been cancelled'))).toBe(true)
  })

  it('releases an order once when several jobs run at the same moment (several instances)', async () => {
    const { order, product } = await transferOrder(4)
    const later = new Date(Date.parse(order.payment_due_at!) + 1000)
    await Promise.all(Array.from({ length: 8 }, () => releaseUnpaidOrders(handle.db, later)))
    expect(await statusOf(order.id)).toBe('cancelled')
    expect(await stock(product.id)).toBe(10)
    const restocks = await handle.db.select().from(stockMovements).where(eq(stockMovements.orderId, order.id))
    expect(restocks.filter(row => row.reason === 'cancel')).toHaveLength(1)
  })

  it('against a transfer recorded at the same moment: the first to lock the order wins, and the stock or the money goes back exactly once', async () => {
    const admin = { id: (await transferOrder()).user.id }
    for (let round = 0; round < 6; round++) {
      const { order, product } = await transferOrder(2)
      const later = new Date(Date.parse(order.payment_due_at!) + 1000)
      const [, paid] = await Promise.allSettled([releaseUnpaidOrders(handle.db, later), markTransferReceived(handle.db, order.id, admin)])
      const status = await statusOf(order.id)
      const rows = await handle.db.select().from(payments).where(eq(payments.orderId, order.id))
      const orderInvoices = await handle.db.select().from(invoices).where(eq(invoices.orderId, order.id))
      expect(paid.status).toBe('fulfilled')
      if (status === 'confirmed') {
        // The payment came first: the job found it paid and left it.
        expect(await stock(product.id)).toBe(8)
        expect(rows.map(row => [row.kind, row.status])).toEqual([['payment', 'succeeded']])
        expect(orderInvoices).toHaveLength(1)
      }
      else {
        // The job came first: stock back once, and the transfer recorded then is owed back.
        expect(status).toBe('cancelled')
        expect(await stock(product.id)).toBe(10)
        expect(rows.map(row => [row.kind, row.status]).sort()).toEqual([['payment', 'succeeded'], ['refund', 'pending']])
        expect(orderInvoices).toHaveLength(0)
      }
    }
  })
})
