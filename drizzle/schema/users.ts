import { sql } from 'drizzle-orm'
import { boolean, check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { DEFAULT_LOCALE, LOCALES } from '../../shared/utils/locale.ts'
import { id, timestamps, timestamptz } from './columns.ts'

export const users = pgTable('users', {
  id: id(),
  email: text('email').notNull(),
  username: text('username').notNull(),
  passwordHash: text('password_hash').notNull(),
  fullName: text('full_name'),
  isActive: boolean('is_active').notNull().default(true),
  isAdmin: boolean('is_admin').notNull().default(false),
  lastLogin: timestamptz('last_login'),
  /** When the owner followed the link mailed to this address; orders need it. */
  emailVerifiedAt: timestamptz('email_verified_at'),
  /** The language of the shop's mails to this account (and of its API answers when a request names none). */
  locale: text('locale', { enum: LOCALES }).notNull().default(DEFAULT_LOCALE),
  ...timestamps,
}, t => [
  // Emails and usernames are unique whatever their case: "Ann@x.io" and "ann@x.io" are one account.
  uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
  uniqueIndex('users_username_lower_key').on(sql`lower(${t.username})`),
  // Admin user search is a substring match on email and username.
  index('users_email_trgm_idx').using('gin', sql`${t.email} gin_trgm_ops`),
  index('users_username_trgm_idx').using('gin', sql`${t.username} gin_trgm_ops`),
  index('users_created_at_idx').on(t.createdAt),
  check('users_locale_known', sql.raw(`locale in (${LOCALES.map(code => `'${code}'`).join(', ')})`)),
])
