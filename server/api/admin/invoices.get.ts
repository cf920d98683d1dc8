import * as v from 'valibot'
import { InvoiceListQuery } from '#shared/schemas/payments'
import { listInvoices } from '../../services/invoices'

export default defineEventHandler(async (event) => {
  requireAdmin(event)
  const query = await getValidatedQuery(event, v.parser(InvoiceListQuery))
  return listInvoices(useDb(), query)
})
