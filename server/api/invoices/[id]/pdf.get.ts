import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { findInvoice, renderInvoicePdf } from '../../../services/invoices'

/** An invoice or credit note as a PDF: its order's owner or an admin. */
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const invoice = await findInvoice(useDb(), id, { userId: user.isAdmin ? undefined : user.id })
  if (!invoice) throw apiError(404, 'Invoice not found')
  setResponseHeaders(event, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `inline; filename="${invoice.number}.pdf"`,
    'Cache-Control': 'private, no-store',
  })
  return renderInvoicePdf(useDb(), invoice)
})
