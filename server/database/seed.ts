import { notInArray, sql } from 'drizzle-orm'
import { discountCodes, orderEvents, orderItems, orders, products, shippingMethods, stockMovements, users } from '../../drizzle/schema/index.ts'
import { taxOrder } from '../../shared/utils/vat.ts'
import { hashPassword } from '../lib/password.ts'
import type { Database } from './client.ts'
import { DEMO_CATALOG, DEMO_DISCOUNT_CODE, DEMO_ORDERS, DEMO_SHIPPING_METHODS, demoVatRateBp, demoWeightGrams } from './demo-catalog.ts'

export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@comptoir.example', username: 'admin', password: 'comptoir-admin', fullName: 'Demo Admin', isAdmin: true },
  customer: { email: 'claire@comptoir.example', username: 'claire', password: 'comptoir-customer', fullName: 'Claire Martin', isAdmin: false },
} as const

export interface SeedResult {
  productsCreated: number
  accountsCreated: number
  ordersCreated: number
}

const DAY = 86_400_000
const FLOW = ['pending', 'confirmed', 'shipped', 'delivered'] as const
const HOUR = 3_600_000

/** Units of each SKU taken by the demo orders that still hold their stock (all but cancelled ones). */
function unitsSold() {
  const sold = new Map<string, number>()
  for (const order of DEMO_ORDERS) {
    if (order.status === 'cancelled') continue
    for (const [sku, quantity] of order.items) sold.set(sku, (sold.get(sku) ?? 0) + quantity)
  }
  return sold
}

/**
 * Whether the database has accounts other than the demo ones: a shop with real customers
 * must never get an admin whose password is printed in the README.
 */
export async function hasRealAccounts(db: Database) {
  const demoEmails = Object.values(DEMO_ACCOUNTS).map(account => account.email)
  const found = await db.select({ id: users.id }).from(users).where(notInArray(sql`lower(${users.email})`, demoEmails)).limit(1)
  return found.length > 0
}

export class DemoAccountsRefused extends Error {}

/**
 * Loads the demo catalog and the demo accounts. Idempotent: products are matched by SKU
 * and accounts by e-mail, so running it twice changes nothing the second time. Refuses the
 * demo accounts (and so changes nothing) when the database has other accounts.
 */
export async function seedDemoData(db: Database, { accounts = true } = {}): Promise<SeedResult> {
  const now = Date.now()
  return db.transaction(async (tx) => {
    if (accounts && await hasRealAccounts(tx)) {
      throw new DemoAccountsRefused('This database already has accounts of its own: the demo accounts (whose passwords are public) are not added. Use --no-accounts to load the demo catalog alone.')
    }
    const created = await tx.insert(products).values(DEMO_CATALOG.map((p, i) => ({
      ...p,
      vatRateBp: demoVatRateBp(p),
      weightGrams: demoWeightGrams(p),
      // Spread creation dates over the weeks before the demo orders, so "new arrivals" means something.
      createdAt: new Date(now - 25 * DAY - i * 13 * HOUR),
      updatedAt: new Date(now - 25 * DAY - i * 13 * HOUR),
    }))).onConflictDoNothing().returning({ id: products.id, sku: products.sku, stock: products.stock, createdAt: products.createdAt })

    // The ledger starts with what was received: today's stock plus what the demo orders took.
    const sold = unitsSold()
    const initial = created.map(p => ({ ...p, received: p.stock + (sold.get(p.sku!) ?? 0) })).filter(p => p.received > 0)
    if (initial.length > 0) {
      await tx.insert(stockMovements).values(initial.map(p => ({
        productId: p.id, delta: p.received, stockAfter: p.received, reason: 'initial' as const, note: 'Demo catalog', createdAt: p.createdAt,
      })))
    }

    // A shop that has set up its own deliveries keeps them.
    const [anyMethod] = await tx.select({ id: shippingMethods.id }).from(shippingMethods).limit(1)
    if (!anyMethod) await tx.insert(shippingMethods).values(DEMO_SHIPPING_METHODS)
    await tx.insert(discountCodes).values(DEMO_DISCOUNT_CODE).onConflictDoNothing()

    let accountsCreated = 0
    if (accounts) {
      for (const account of Object.values(DEMO_ACCOUNTS)) {
        const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${account.email}`)
        if (existing) continue
        // Demo addresses are the shop's own: nobody could follow a link mailed to them.
        await tx.insert(users).values({ ...account, passwordHash: await hashPassword(account.password), emailVerifiedAt: new Date() })
        accountsCreated++
      }
    }
    const ordersCreated = accounts && created.length === DEMO_CATALOG.length ? await seedDemoOrders(tx, now, sold) : 0
    return { productsCreated: created.length, accountsCreated, ordersCreated }
  })
}

/** The demo customer's past orders, with their ledger rows, on a catalog that was just created. */
async function seedDemoOrders(db: Database, now: number, sold: Map<string, number>) {
  const [customer] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${DEMO_ACCOUNTS.customer.email}`)
  if (!customer) return 0
  const catalog = new Map((await db.select().from(products)).map(p => [p.sku, p]))
  const level = new Map([...catalog.values()].map(p => [p.id, p.stock + (sold.get(p.sku!) ?? 0)]))
  for (const demo of [...DEMO_ORDERS].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const placedAt = new Date(now - demo.daysAgo * DAY - 2 * HOUR)
    const lines = demo.items.map(([sku, quantity]) => ({ product: catalog.get(sku)!, quantity }))
    const totals = taxOrder(lines.map(line => ({ unitGrossCents: line.product.priceCents, quantity: line.quantity, rateBp: line.product.vatRateBp })))
    const taxed = lines.map((line, index) => ({ ...line, tax: totals.lines[index]! }))
    const [order] = await db.insert(orders).values({
      userId: customer.id,
      status: demo.status,
      totalCents: totals.grossCents,
      netCents: totals.netCents,
      vatCents: totals.vatCents,
      shippingAddress: 'Claire Martin\n12 rue de la République\n69002 Lyon\nFrance',
      createdAt: placedAt,
      updatedAt: placedAt,
    }).returning({ id: orders.id })
    await db.insert(orderItems).values(taxed.map(line => ({
      orderId: order!.id,
      productId: line.product.id,
      productName: line.product.name,
      quantity: line.quantity,
      unitPriceCents: line.product.priceCents,
      unitCostCents: line.product.costCents,
      vatRateBp: line.product.vatRateBp,
      netCents: line.tax.netCents,
      vatCents: line.tax.vatCents,
    })))
    // The timeline walks the order to where it stands: placed, then a day per step.
    const path = demo.status === 'cancelled' ? ['pending', 'cancelled'] as const : FLOW.slice(0, FLOW.indexOf(demo.status) + 1)
    await db.insert(orderEvents).values(path.map((status, step) => ({
      orderId: order!.id,
      fromStatus: step === 0 ? null : path[step - 1]!,
      toStatus: status,
      actorId: customer.id,
      createdAt: new Date(placedAt.getTime() + step * (demo.status === 'cancelled' ? HOUR : DAY / 2)),
    })))
    for (const line of lines) {
      const after = level.get(line.product.id)! - line.quantity
      level.set(line.product.id, after)
      await db.insert(stockMovements).values({ productId: line.product.id, delta: -line.quantity, stockAfter: after, reason: 'order', orderId: order!.id, createdAt: placedAt })
      if (demo.status === 'cancelled') {
        level.set(line.product.id, after + line.quantity)
        await db.insert(stockMovements).values({ productId: line.product.id, delta: line.quantity, stockAfter: after + line.quantity, reason: 'cancel', orderId: order!.id, createdAt: new Date(placedAt.getTime() + HOUR) })
      }
    }
  }
  return DEMO_ORDERS.length
}
