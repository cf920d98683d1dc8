import { and, desc, eq } from 'drizzle-orm'
import { auditLog, users } from '../../drizzle/schema'
import type { AuditEntryJson } from '#shared/types/api'
import type { Page } from '#shared/utils/pagination'
import type { Database } from '../database/client'
import { readPage } from '../database/pages'
import type { PageWindow } from '../database/pages'

/** The admin behind a write, for the audit log. */
export interface Actor {
  id: string
  ipAddress?: string
  requestId?: string
}

/** What one write did to one record. */
export interface AuditChange {
  action: string
  entity: string
  entityId: string
  before?: unknown
  after?: unknown
}

/** One row per admin write: who did what to which record, with the record before and after. */
export async function recordAudit(db: Database, actor: Actor, change: AuditChange | AuditChange[]) {
  const changes = [change].flat()
  if (changes.length === 0) return
  await db.insert(auditLog).values(changes.map(c => ({
    ...c,
    actorId: actor.id,
    ipAddress: actor.ipAddress,
    requestId: actor.requestId,
    before: c.before ?? null,
    after: c.after ?? null,
  })))
}

/** The log, newest first, with who did it; filtered by entity and by actor. */
export async function listAudit(db: Database, query: { page: number, limit: number, entity?: string, actor_id?: string }): Promise<Page<AuditEntryJson>> {
  const where = and(
    query.entity ? eq(auditLog.entity, query.entity) : undefined,
    query.actor_id ? eq(auditLog.actorId, query.actor_id) : undefined,
  )
  const rows = async (window: PageWindow) => (await db.select({ entry: auditLog, actorEmail: users.email }).from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(window.limit).offset(window.offset)).map(({ entry, actorEmail }) => ({
    id: entry.id,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    actor_id: entry.actorId,
    actor_email: actorEmail,
    before: entry.before,
    after: entry.after,
    ip_address: entry.ipAddress,
    request_id: entry.requestId,
    created_at: entry.createdAt.toISOString(),
  }))
  return readPage(db, query, { table: auditLog, where, rows })
}
