import { and, eq, ne, sql } from 'drizzle-orm'
import { users } from '../../drizzle/schema/index.ts'
import type { AdminAccountInput } from '../../shared/schemas/users.ts'
import { hashPassword } from '../utils/password.ts'
import type { Database } from './client.ts'

/**
 * Makes `input.email` an active admin: creates the account, or promotes the existing one
 * (whose password is left as it is: whoever owns it keeps signing in the same way).
 */
export async function createOrPromoteAdmin(db: Database, input: AdminAccountInput) {
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, input.email))
    if (existing) {
      await tx.update(users).set({ isAdmin: true, isActive: true }).where(eq(users.id, existing.id))
      return { created: false, email: input.email }
    }
    const [clash] = await tx.select({ id: users.id }).from(users)
      .where(and(eq(sql`lower(${users.username})`, input.username.toLowerCase()), ne(users.email, input.email)))
    if (clash) throw new Error(`The username "${input.username}" is taken by another account.`)
    await tx.insert(users).values({ email: input.email, username: input.username, passwordHash, isAdmin: true })
    return { created: true, email: input.email }
  })
}
