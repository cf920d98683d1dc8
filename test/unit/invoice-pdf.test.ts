import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import type { invoices } from '../../drizzle/schema'
import { renderInvoicePdf } from '../../server/services/invoices'

type InvoiceRow = typeof invoices.$inferSelect

function invoiceWith(lines: number, name: (i: number) => string): InvoiceRow {
  const items = Array.from({ length: lines }, (_, i) => ({ name: name(i), quantity: 2, unitGrossCents: 1290, rateBp: 550, netCents: 2445, vatCents: 135, grossCents: 2580 }))
  return {
    id: crypto.randomUUID(),
    number: 'F2026-000042',
    kind: 'invoice',
    orderId: crypto.randomUUID(),
    invoiceId: null,
    issuedAt: new Date('2026-12-01T10:00:00Z'),
    seller: { name: 'Comptoir SAS', address: ['8 quai Saint-Vincent', '69001 Lyon'], vatNumber: 'FR12345678901', registration: 'RCS Lyon 123 456 789', legalNotice: 'SAS au capital de 10 000 €' },
    buyer: { name: 'Zoë Ørsted', email: 'zoe@test.example', address: ['3 rue des Fleurs', '75011 Paris'] },
    lines: items,
    netCents: 2445 * lines,
    vatCents: 135 * lines,
    totalCents: 2580 * lines,
    createdAt: new Date(),
    updatedAt: new Date(),
  }
}

describe('renderInvoicePdf', () => {
  it('draws a one-page invoice for a short order', async () => {
    const bytes = await renderInvoicePdf(undefined as never, invoiceWith(2, i => `Sencha ${i}`))
    const pdf = await PDFDocument.load(bytes)
    expect(pdf.getPageCount()).toBe(1)
    expect(pdf.getTitle()).toBe('Invoice F2026-000042')
  })

  it('runs 50 lines onto further pages, and draws names the standard font cannot (CJK, emoji) with a stand-in character', async () => {
    const bytes = await renderInvoicePdf(undefined as never, invoiceWith(50, i => i % 2 ? `茶 Thé vert n° ${i} 🍵` : `A very long product name that goes on and on past its column, number ${i}`))
    const pdf = await PDFDocument.load(bytes)
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2)
  })
})
