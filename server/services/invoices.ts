import { and, desc, eq, sql } from 'drizzle-orm'
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib'
import type { PDFFont, PDFPage } from 'pdf-lib'
import { invoiceCounters, invoices, orderItems, orders, users } from '../../drizzle/schema'
import type { InvoiceJson } from '#shared/types/api'
import { formatAddress } from '#shared/utils/addresses'
import { centsToAmount, formatPrice } from '#shared/utils/money'
import type { Page } from '#shared/utils/pagination'
import { formatVatRate, taxShipping, taxTotals, vatRateFromBp } from '#shared/utils/vat'
import type { Database } from '../database/client'
import { readPage } from '../database/pages'
import { useConfig } from '../lib/config'
import type { SellerConfig } from '../lib/config'

type InvoiceRow = typeof invoices.$inferSelect
type InvoiceKind = InvoiceRow['kind']

/** One line as the invoice froze it. */
interface InvoiceLine {
  name: string
  quantity: number
  unitGrossCents: number
  rateBp: number
  netCents: number
  vatCents: number
  /** What is charged: unit price × quantity, less the line's share of a discount code. */
  grossCents: number
  discountCents: number
}

interface InvoiceBuyer {
  name: string
  email: string
  address: string[]
}

const SERIES_PREFIX: Record<InvoiceKind, string> = { invoice: 'F', credit_note: 'A' }

/** The year in the shop's own time (Paris), so an invoice issued at 00:30 on 1 January opens the new year's series. */
function parisYear(date: Date) {
  return new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(date)
}

/**
 * The next number of a series, in the caller's transaction. The counter row stays locked
 * until that transaction ends: a concurrent issuer waits, and a rollback gives the number
 * back, so the numbers run on with no gap and no duplicate (a PostgreSQL sequence would skip).
 */
async function nextNumber(tx: Database, kind: InvoiceKind, issuedAt: Date) {
  const series = `${SERIES_PREFIX[kind]}${parisYear(issuedAt)}`
  const [counter] = await tx.insert(invoiceCounters).values({ series, lastNumber: 1 })
    .onConflictDoUpdate({ target: invoiceCounters.series, set: { lastNumber: sql`${invoiceCounters.lastNumber} + 1` } })
    .returning({ lastNumber: invoiceCounters.lastNumber })
  return `${series}-${String(counter!.lastNumber).padStart(6, '0')}`
}

/**
 * Issues the invoice of a paid order, or the credit note that cancels it, in the payment's
 * (or the refund's) transaction. Everything it says is frozen now; call it last in the
 * transaction, since its number stays locked until the commit.
 */
export async function issueInvoice(tx: Database, orderId: string, kind: InvoiceKind) {
  const [[order], items] = await Promise.all([
    tx.select({ order: orders, email: users.email, fullName: users.fullName }).from(orders).innerJoin(users, eq(users.id, orders.userId)).where(eq(orders.id, orderId)),
    tx.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(orderItems.productName, orderItems.id),
  ])
  if (!order) throw new Error(`No order ${orderId} to invoice`)
  const [original] = kind === 'credit_note'
    ? await tx.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.orderId, orderId), eq(invoices.kind, 'invoice')))
    : []
  if (kind === 'credit_note' && !original) throw new Error(`Order ${orderId} has no invoice to credit`)
  const goods: InvoiceLine[] = items.map(item => ({
    name: item.productName,
    quantity: item.quantity,
    unitGrossCents: item.unitPriceCents,
    rateBp: item.vatRateBp,
    netCents: item.netCents,
    vatCents: item.vatCents,
    grossCents: item.unitPriceCents * item.quantity - item.discountCents,
    discountCents: item.discountCents,
  }))
  // The delivery, one line per rate it was split between (taxed as what it delivers).
  const delivery: InvoiceLine[] = taxShipping(order.order.shippingCents, taxTotals(goods).byRate).map(part => ({
    name: `Delivery: ${order.order.shippingMethodName ?? 'shipping'}`,
    quantity: 1,
    unitGrossCents: part.grossCents,
    rateBp: part.rateBp,
    netCents: part.netCents,
    vatCents: part.vatCents,
    grossCents: part.grossCents,
    discountCents: 0,
  }))
  const lines = [...goods, ...delivery]
  // Billed where the customer said, or else where the goods went.
  const billing = order.order.billingDetails
  const buyer: InvoiceBuyer = {
    name: billing?.full_name || order.fullName || order.email,
    email: order.email,
    address: (billing ? formatAddress(billing) : order.order.shippingAddress).split('\n').map(line => line.trim()).filter(Boolean),
  }
  const number = await nextNumber(tx, kind, new Date())
  // Dated once its number is ours (the counter waits for concurrent issuers): numbers and dates run in the same order.
  const issuedAt = new Date()
  const [invoice] = await tx.insert(invoices).values({
    number,
    kind,
    orderId,
    invoiceId: original?.id ?? null,
    issuedAt,
    seller: useConfig().seller,
    buyer,
    lines,
    netCents: order.order.netCents,
    vatCents: order.order.vatCents,
    totalCents: order.order.totalCents,
  }).returning()
  return invoice!
}

export function toInvoiceJson(row: InvoiceRow): InvoiceJson {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    order_id: row.orderId,
    issued_at: row.issuedAt.toISOString(),
    net_amount: centsToAmount(row.netCents),
    vat_amount: centsToAmount(row.vatCents),
    total_amount: centsToAmount(row.totalCents),
  }
}

/** An order's invoice and credit note, oldest first. */
export async function invoicesOf(db: Database, orderId: string) {
  const rows = await db.select().from(invoices).where(eq(invoices.orderId, orderId)).orderBy(invoices.issuedAt)
  return rows.map(toInvoiceJson)
}

/** One invoice; `userId` scopes it to the owner of its order (someone else's is "not found"). */
export async function findInvoice(db: Database, id: string, { userId }: { userId?: string } = {}) {
  const [row] = await db.select({ invoice: invoices }).from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .where(and(eq(invoices.id, id), userId ? eq(orders.userId, userId) : undefined))
  return row?.invoice
}

export async function listInvoices(db: Database, query: { page: number, limit: number, kind?: InvoiceKind }): Promise<Page<InvoiceJson>> {
  const where = query.kind ? eq(invoices.kind, query.kind) : undefined
  return readPage(db, query, {
    table: invoices,
    where,
    rows: async window => (await db.select().from(invoices).where(where).orderBy(desc(invoices.issuedAt), desc(invoices.number)).limit(window.limit).offset(window.offset)).map(toInvoiceJson),
  })
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 50
const INK = rgb(0.1, 0.1, 0.12)
const MUTED = rgb(0.38, 0.38, 0.42)

/**
 * The invoice as a PDF (A4, the PDF's standard Helvetica: no font file to ship, in Node
 * or on the edge). Lines run onto further pages as needed; a credit note shows its
 * amounts negative and names the invoice it cancels.
 */
export async function renderInvoicePdf(db: Database, invoice: InvoiceRow) {
  const [original] = invoice.invoiceId ? await db.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, invoice.invoiceId)) : []
  const pdf = await PDFDocument.create()
  const credit = invoice.kind === 'credit_note'
  const title = credit ? `Credit note ${invoice.number}` : `Invoice ${invoice.number}`
  pdf.setTitle(title)
  pdf.setCreator('Comptoir')
  pdf.setCreationDate(invoice.issuedAt)
  const regular = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  const seller = invoice.seller as SellerConfig
  const buyer = invoice.buyer as InvoiceBuyer
  const lines = invoice.lines as InvoiceLine[]
  const sign = credit ? -1 : 1
  const money = (cents: number) => formatPrice(centsToAmount(sign * cents))

  let page: PDFPage = pdf.addPage([A4.width, A4.height])
  let y = A4.height - MARGIN
  const text = (value: string, x: number, options: { font?: PDFFont, size?: number, color?: typeof INK, alignRight?: boolean } = {}) => {
    const font = options.font ?? regular
    const size = options.size ?? 10
    const safe = printable(value, font)
    const left = options.alignRight ? x - font.widthOfTextAtSize(safe, size) : x
    page.drawText(safe, { x: left, y, size, font, color: options.color ?? INK })
  }
  const newPageIfBelow = (limit: number) => {
    if (y >= limit) return
    page = pdf.addPage([A4.width, A4.height])
    y = A4.height - MARGIN
  }

  text(seller.name, MARGIN, { font: bold, size: 14 })
  text(title, A4.width - MARGIN, { font: bold, size: 14, alignRight: true })
  y -= 18
  const headerLeft = [...seller.address, seller.vatNumber && `VAT number: ${seller.vatNumber}`, seller.registration].filter(Boolean) as string[]
  const headerRight = [
    `Issued ${formatDay(invoice.issuedAt)}`,
    `Order ${invoice.orderId.slice(0, 8)}`,
    ...(original ? [`Cancels invoice ${original.number}`] : []),
  ]
  for (let i = 0; i < Math.max(headerLeft.length, headerRight.length); i++) {
    if (headerLeft[i]) text(headerLeft[i]!, MARGIN, { color: MUTED, size: 9 })
    if (headerRight[i]) text(headerRight[i]!, A4.width - MARGIN, { color: MUTED, size: 9, alignRight: true })
    y -= 12
  }
  y -= 14
  text('Bill to', MARGIN, { font: bold })
  y -= 14
  // The shipping address usually starts with the buyer's name: said once.
  const address = buyer.address[0]?.toLowerCase() === buyer.name.toLowerCase() ? buyer.address : [buyer.name, ...buyer.address]
  for (const line of [...address, buyer.email]) {
    text(line, MARGIN)
    y -= 12
  }
  y -= 20

  const columns = { name: MARGIN, quantity: 330, unit: 405, rate: 460, total: A4.width - MARGIN }
  const tableHeader = () => {
    text('Description', columns.name, { font: bold, size: 9 })
    text('Qty', columns.quantity, { font: bold, size: 9, alignRight: true })
    text('Unit incl. VAT', columns.unit, { font: bold, size: 9, alignRight: true })
    text('VAT', columns.rate, { font: bold, size: 9, alignRight: true })
    text('Total incl. VAT', columns.total, { font: bold, size: 9, alignRight: true })
    y -= 6
    page.drawLine({ start: { x: MARGIN, y }, end: { x: A4.width - MARGIN, y }, thickness: 0.5, color: MUTED })
    y -= 14
  }
  tableHeader()
  for (const line of lines) {
    if (y < MARGIN + 60) {
      newPageIfBelow(Infinity)
      tableHeader()
    }
    text(truncate(printable(line.name, regular), regular, 9, columns.quantity - columns.name - 30), columns.name, { size: 9 })
    text(String(line.quantity), columns.quantity, { size: 9, alignRight: true })
    text(money(line.unitGrossCents), columns.unit, { size: 9, alignRight: true })
    text(formatVatRate(vatRateFromBp(line.rateBp)), columns.rate, { size: 9, alignRight: true })
    text(money(line.grossCents), columns.total, { size: 9, alignRight: true })
    y -= 14
  }
  newPageIfBelow(MARGIN + 120)
  y -= 6
  page.drawLine({ start: { x: 300, y: y + 10 }, end: { x: A4.width - MARGIN, y: y + 10 }, thickness: 0.5, color: MUTED })
  const totals = taxTotals(lines.map(line => ({ rateBp: line.rateBp, grossCents: line.grossCents, netCents: line.netCents, vatCents: line.vatCents })))
  const rows: [string, string, PDFFont][] = [
    ['Total excluding VAT', money(invoice.netCents), regular],
    ...totals.byRate.map(rate => [`VAT ${formatVatRate(vatRateFromBp(rate.rateBp))} on ${money(rate.netCents)}`, money(rate.vatCents), regular] as [string, string, PDFFont]),
    [credit ? 'Total refunded including VAT' : 'Total including VAT', money(invoice.totalCents), bold],
  ]
  for (const [label, value, font] of rows) {
    text(label, 300, { font, size: 10 })
    text(value, columns.total, { font, size: 10, alignRight: true })
    y -= 15
  }
  const discounted = lines.reduce((total, line) => total + (line.discountCents ?? 0), 0)
  if (discounted > 0) {
    text(`The lines' totals include a discount of ${money(discounted)}, taken off before VAT.`, MARGIN, { size: 9, color: MUTED })
    y -= 13
  }
  y -= 10
  text(credit ? 'Refunded to the means of payment used for the order.' : 'Paid in full. Prices include VAT at the rates shown.', MARGIN, { size: 9, color: MUTED })

  // The seller's legal mentions close every page, wrapped to its width.
  const footer = [[seller.name, ...seller.address].join(' · '), [seller.vatNumber && `VAT ${seller.vatNumber}`, seller.registration, seller.legalNotice].filter(Boolean).join(' · ')]
    .flatMap(line => wrap(printable(line, regular), regular, 7.5, A4.width - 2 * MARGIN))
  for (const each of pdf.getPages()) {
    footer.forEach((line, index) => each.drawText(line, { x: MARGIN, y: MARGIN - 6 - index * 9, size: 7.5, font: regular, color: MUTED }))
  }
  return pdf.save()
}

/** What the standard fonts cannot draw (their encoding is WinAnsi: Latin letters, €, typographic marks) becomes `?`. */
function printable(value: string, font: PDFFont) {
  const drawable = new Set(font.getCharacterSet())
  return Array.from(value.replace(/\s+/g, ' '), char => drawable.has(char.codePointAt(0)!) ? char : '?').join('')
}

function wrap(value: string, font: PDFFont, size: number, width: number) {
  const lines: string[] = []
  let current = ''
  for (const word of value.split(' ')) {
    const next = current ? `${current} ${word}` : word
    if (current && font.widthOfTextAtSize(next, size) > width) {
      lines.push(current)
      current = word
    }
    else current = next
  }
  return current ? [...lines, truncate(current, font, size, width)] : lines
}

function truncate(value: string, font: PDFFont, size: number, width: number) {
  if (font.widthOfTextAtSize(value, size) <= width) return value
  let cut = value
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1)
  return `${cut}…`
}

function formatDay(date: Date) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }).format(date)
}
