import * as v from 'valibot'
import { AuditQuery } from '#shared/schemas/audit'
import { listAudit } from '../../services/audit'

export default defineEventHandler(async (event) => {
  requireAdmin(event)
  const query = await getValidatedQuery(event, v.parser(AuditQuery))
  return listAudit(useDb(), query)
})
