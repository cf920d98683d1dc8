import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import { refreshTokens, users } from '../../drizzle/schema/index.ts'
import type { AdminAccountInput } from '../../shared/schemas/account-fields.ts'
import { hashPassword } from '../lib/password.ts'
import type { Database } from './client.ts'

export type AdminResult
  = | { outcome: 'created', email: string }
    | { outcome: 'promoted', email: string, username: string, fullName: string | null, createdAt: Date, lastLogin: Date | null, sessionsEnded: number }
    | { outcome: 'exists', email: string, username: string, createdAt: Date }

/**
 * Makes `input.email` an active admin. A new account is created with the given password.
 * An account that already has the address belongs to whoever registered it: it is made
 * an admin only when `promote` says the operator means it, and then every session it
 * had is ended, so that admin rights start from a fresh sign-in by its owner.
 */
export async function createOrPromoteAdmin(db: Database, input: AdminAccountInput, { promote = false } = {}): Promise<AdminResult> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, input.email)).for('update')
    if (existing && !promote) return { outcome: 'exists', email: existing.email, username: existing.username, createdAt: existing.createdAt }
    if (existing) {
      await tx.update(users).set({ isAdmin: true, isActive: true }).where(eq(users.id, existing.id))
      const ended = await tx.update(refreshTokens).set({ revokedAt: sql`now()` })
        .where(and(eq(refreshTokens.userId, existing.id), isNull(refreshTokens.revokedAt)))
        .returning({ familyId: refreshTokens.familyId })
      return {
        outcome: 'promoted',
        email: existing.email,
        username: existing.username,
        fullName: existing.fullName,
        createdAt: existing.createdAt,
        lastLogin: existing.lastLogin,
        sessionsEnded: new Set(ended.map(row => row.familyId)).size,
      }
    }
    const [clash] = await tx.select({ id: users.id }).from(users)
      .where(and(eq(sql`lower(${users.username})`, input.username.toLowerCase()), ne(users.email, input.email)))
    if (clash) throw new Error(`The username "${input.username}" is taken by another account.`)
    // The operator vouches for the address they typed.
    await tx.insert(users).values({ email: input.email, username: input.username, passwordHash, isAdmin: true, emailVerifiedAt: new Date() })
    return { outcome: 'created', email: input.email }
  })
}
