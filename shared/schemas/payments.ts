import * as v from 'valibot'
import { PaginationQuery } from './common'

export const InvoiceListQuery = v.object({
  ...PaginationQuery,
  kind: v.optional(v.picklist(['invoice', 'credit_note'] as const, 'kind must be invoice or credit_note')),
})
