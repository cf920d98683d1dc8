import { auditLog } from '../../drizzle/schema'
import type { Database } from '../database/client'

export interface AuditEntry {
  actorId: string
  action: string
  entity: string
  entityId: string
  before?: unknown
  after?: unknown
  ipAddress?: string
  requestId?: string
}

/** One row per admin write: who did what to which record, with the record before and after. */
export async function recordAudit(db: Database, entry: AuditEntry) {
  await db.insert(auditLog).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null })
}
