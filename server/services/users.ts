import { and, desc, eq, ilike, isNull, ne, or, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { users } from '../../drizzle/schema'
import type { RegisterInput } from '#shared/schemas/auth'
import type { ProfileUpdateInput, UserListQuery, UserUpdateInput } from '#shared/schemas/users'
import type { UserJson } from '#shared/types/api'
import type { Page } from '#shared/utils/pagination'
import type { Database } from '../database/client'
import { readPage } from '../database/pages'
import { apiError } from '../lib/errors'
import { hashPassword, verifyPassword } from '#platform/password'
import { recordAudit } from './audit'
import { enqueueEmail } from './mail'
import { mailWords } from '../i18n/mails'
import type { ShopLocale } from '#shared/utils/locale'
import { revokeSessions } from './sessions'
import type { Actor } from './audit'
import { escapeLike } from './products'

type UserRow = typeof users.$inferSelect

/** Never the password hash, never a token. */
export function toUserJson(row: UserRow): UserJson {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    full_name: row.fullName,
    is_active: row.isActive,
    is_admin: row.isAdmin,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    last_login: row.lastLogin?.toISOString() ?? null,
    email_verified: row.emailVerifiedAt !== null,
    locale: row.locale,
  }
}

const sameEmail = (email: string) => eq(sql`lower(${users.email})`, email.toLowerCase())
const sameUsername = (username: string) => eq(sql`lower(${users.username})`, username.toLowerCase())

/** 409 with the fields that clash, checked before writing (the unique indexes remain the last word). */
async function assertAvailable(db: Database, fields: { email?: string, username?: string }, exceptUserId?: string) {
  const clauses = [fields.email ? sameEmail(fields.email) : undefined, fields.username ? sameUsername(fields.username) : undefined].filter(Boolean) as SQL[]
  if (clauses.length === 0) return
  const taken = await db.select({ email: users.email, username: users.username }).from(users)
    .where(and(or(...clauses), exceptUserId ? ne(users.id, exceptUserId) : undefined))
  const details: Record<string, string[]> = {}
  if (fields.email && taken.some(u => u.email.toLowerCase() === fields.email!.toLowerCase())) details.email = ['This email is already registered']
  if (fields.username && taken.some(u => u.username.toLowerCase() === fields.username!.toLowerCase())) details.username = ['This username is taken']
  if (Object.keys(details).length > 0) throw apiError(409, 'Already taken', { details })
}

/** Builds the confirmation link of an account's address (signed, so it comes from the caller). */
export type VerificationLink = (user: { id: string, email: string, locale: ShopLocale }) => Promise<string>

/** A new account, and the mail that asks its owner to confirm the address, in one transaction. */
export async function registerUser(db: Database, input: RegisterInput, link: VerificationLink) {
  await assertAvailable(db, input)
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({
      email: input.email,
      username: input.username,
      fullName: input.full_name ?? null,
      locale: input.locale,
      passwordHash,
    }).returning()
    await queueVerificationMail(tx, user!, link)
    return user!
  })
}

/**
 * The confirmation mail. Its words are the shop's alone: nothing a registrant typed (name,
 * username) goes into a mail to an address nobody has confirmed yet.
 */
export async function queueVerificationMail(db: Database, user: { id: string, email: string, locale: ShopLocale }, link: VerificationLink) {
  const words = mailWords(user.locale).verification
  await enqueueEmail(db, {
    userId: user.id,
    to: user.email,
    subject: words.subject,
    text: [words.opening, '', words.action, await link(user), '', words.closing].join('\n'),
  })
}

/** Marks the address confirmed, if it is still this account's and not confirmed yet; the user, or undefined. */
export async function confirmEmail(db: Database, userId: string, email: string) {
  const [user] = await db.update(users).set({ emailVerifiedAt: sql`now()` })
    .where(and(eq(users.id, userId), sameEmail(email), isNull(users.emailVerifiedAt)))
    .returning()
  return user
}

/** A real hash of a random password: unknown e-mails cost the same argon2 work as known ones. */
let decoyHash: Promise<string> | undefined

/**
 * The user whose credentials these are, or null. Unknown e-mail and wrong password take
 * the same path through argon2, so neither the answer nor its timing tells them apart.
 */
export async function authenticate(db: Database, email: string, password: string) {
  const [user] = await db.select().from(users).where(sameEmail(email))
  decoyHash ??= hashPassword(crypto.randomUUID())
  const valid = await verifyPassword(user?.passwordHash ?? await decoyHash, password)
  return user && valid ? user : null
}

export async function recordLogin(db: Database, userId: string) {
  await db.update(users).set({ lastLogin: sql`now()` }).where(eq(users.id, userId))
}

export async function findUser(db: Database, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id))
  return user
}

/**
 * Updates one's own profile. A new password needs the current one, and ends every other
 * session of the account: whoever knew the old password is signed out.
 */
export async function updateProfile(db: Database, session: { id: string, sessionId: string }, input: ProfileUpdateInput) {
  const user = await findUser(db, session.id)
  if (!user) throw apiError(404, 'Not found')
  if (input.password !== undefined && !(await verifyPassword(user.passwordHash, input.current_password ?? ''))) {
    throw apiError(400, 'Validation failed', { details: { current_password: ['The current password is not correct'] } })
  }
  if (input.username !== undefined) await assertAvailable(db, { username: input.username }, session.id)
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(users).set({
      ...(input.full_name !== undefined ? { fullName: input.full_name } : {}),
      ...(input.username !== undefined ? { username: input.username } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    }).where(eq(users.id, session.id)).returning()
    if (passwordHash) await revokeSessions(tx, { userId: session.id, except: session.sessionId })
    return updated!
  })
}

export async function listUsers(db: Database, query: UserListQuery): Promise<Page<UserJson>> {
  const filters: SQL[] = []
  if (query.keyword) {
    const pattern = `%${escapeLike(query.keyword)}%`
    filters.push(or(ilike(users.email, pattern), ilike(users.username, pattern))!)
  }
  if (query.is_active !== undefined) filters.push(eq(users.isActive, query.is_active))
  const where = and(...filters)
  return readPage(db, query, {
    table: users,
    where,
    rows: async window => (await db.select().from(users).where(where).orderBy(desc(users.createdAt), desc(users.id)).limit(window.limit).offset(window.offset)).map(toUserJson),
  })
}

/** An admin's change to an account, its sessions ended with a deactivation. Admins cannot lock themselves out. */
export async function adminUpdateUser(db: Database, actor: Actor, userId: string, input: UserUpdateInput) {
  if (actor.id === userId && (input.is_admin === false || input.is_active === false)) {
    throw apiError(403, 'You cannot remove your own admin rights or deactivate your own account', {
      details: input.is_admin === false ? { is_admin: ['Ask another admin'] } : { is_active: ['Ask another admin'] },
    })
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update')
    if (!before) throw apiError(404, 'User not found')
    const [updated] = await tx.update(users).set({
      ...(input.is_active !== undefined ? { isActive: input.is_active } : {}),
      ...(input.is_admin !== undefined ? { isAdmin: input.is_admin } : {}),
      ...(input.full_name !== undefined ? { fullName: input.full_name } : {}),
    }).where(eq(users.id, userId)).returning()
    // Deactivation takes effect at once: the auth check refuses the account, and its sessions end with the change.
    if (input.is_active === false) await revokeSessions(tx, { userId })
    await recordAudit(tx, actor, { action: 'user.update', entity: 'user', entityId: userId, before: toUserJson(before), after: toUserJson(updated!) })
    return updated!
  })
}
