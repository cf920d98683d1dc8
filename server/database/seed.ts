import { sql } from 'drizzle-orm'
import { products, stockMovements, users } from '../../drizzle/schema/index.ts'
import { hashPassword } from '../utils/password.ts'
import type { Database } from './client.ts'
import { DEMO_CATALOG } from './demo-catalog.ts'

export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@comptoir.example', username: 'admin', password: 'comptoir-admin', fullName: 'Demo Admin', isAdmin: true },
  customer: { email: 'claire@comptoir.example', username: 'claire', password: 'comptoir-customer', fullName: 'Claire Martin', isAdmin: false },
} as const

export interface SeedResult {
  productsCreated: number
  accountsCreated: number
}

/**
 * Loads the demo catalog and the demo accounts. Idempotent: products are matched by SKU
 * and accounts by e-mail, so running it twice changes nothing the second time.
 */
export async function seedDemoData(db: Database, { accounts = true } = {}): Promise<SeedResult> {
  const now = Date.now()
  return db.transaction(async (tx) => {
    const created = await tx.insert(products).values(DEMO_CATALOG.map((p, i) => ({
      ...p,
      // Spread creation dates over the past weeks so "new arrivals" means something.
      createdAt: new Date(now - i * 13 * 3_600_000),
      updatedAt: new Date(now - i * 13 * 3_600_000),
    }))).onConflictDoNothing().returning({ id: products.id, stock: products.stock })

    const initial = created.filter(p => p.stock > 0)
    if (initial.length > 0) {
      await tx.insert(stockMovements).values(initial.map(p => ({
        productId: p.id, delta: p.stock, stockAfter: p.stock, reason: 'initial' as const, note: 'Demo catalog',
      })))
    }

    let accountsCreated = 0
    if (accounts) {
      for (const account of Object.values(DEMO_ACCOUNTS)) {
        const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${account.email}`)
        if (existing) continue
        await tx.insert(users).values({ ...account, passwordHash: await hashPassword(account.password) })
        accountsCreated++
      }
    }
    return { productsCreated: created.length, accountsCreated }
  })
}
