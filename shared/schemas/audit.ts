import * as v from 'valibot'
import { PaginationQuery } from './common'

export const AUDIT_ENTITIES = ['product', 'order', 'user', 'shipping_method', 'discount'] as const

export const AuditQuery = v.object({
  ...PaginationQuery,
  entity: v.optional(v.picklist(AUDIT_ENTITIES, `entity must be one of ${AUDIT_ENTITIES.join(', ')}`)),
  actor_id: v.optional(v.pipe(v.string(), v.uuid('actor_id must be a UUID'))),
})
