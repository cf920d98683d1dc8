import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamptz } from './columns.ts'
import { users } from './users.ts'

/**
 * Refresh tokens, stored only as a SHA-256 hash. Each sign-in starts a family; every
 * refresh rotates to a new row of the same family. Presenting a rotated token again
 * means it leaked: the whole family is revoked.
 */
export const refreshTokens = pgTable('refresh_tokens', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull(),
  familyId: uuid('family_id').notNull(),
  parentId: uuid('parent_id'),
  rotatedAt: timestamptz('rotated_at'),
  revokedAt: timestamptz('revoked_at'),
  expiresAt: timestamptz('expires_at').notNull(),
  userAgent: text('user_agent'),
  ipAddress: text('ip_address'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
}, t => [
  uniqueIndex('refresh_tokens_token_hash_key').on(t.tokenHash),
  index('refresh_tokens_family_idx').on(t.familyId),
  index('refresh_tokens_user_idx').on(t.userId),
  index('refresh_tokens_expires_at_idx').on(t.expiresAt),
])

/** Access tokens denied before their expiry (logout): their `jti` until they would have expired anyway. */
export const revokedAccessTokens = pgTable('revoked_access_tokens', {
  jti: text('jti').primaryKey(),
  expiresAt: timestamptz('expires_at').notNull(),
}, t => [
  index('revoked_access_tokens_expires_at_idx').on(t.expiresAt),
])

/** Fixed-window counters shared by every server instance (failed logins, registrations, API calls). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: timestamptz('reset_at').notNull(),
}, t => [
  index('rate_limits_reset_at_idx').on(t.resetAt),
])
