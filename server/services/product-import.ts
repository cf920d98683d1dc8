import { createHash } from 'node:crypto'
import { asc, eq, inArray } from 'drizzle-orm'
import * as v from 'valibot'
import { products, stockMovements } from '../../drizzle/schema'
import { MAX_IMPORT_ROWS, PRODUCT_CSV_COLUMNS } from '#shared/schemas/product-import'
import type { ProductCsvColumn } from '#shared/schemas/product-import'
import { ProductCreateInput, ProductImportUpdate } from '#shared/schemas/products'
import type { ImportAction, ImportReportJson, ImportRowJson, ProductJson } from '#shared/types/api'
import { amountToCents, parseAmount } from '#shared/utils/money'
import type { Database } from '../database/client'
import { CsvFileError, parseCsv } from '../lib/csv'
import { apiError, issuesToDetails } from '../lib/errors'
import type { ErrorDetails } from '../lib/errors'
import { recordAudit } from './audit'
import type { Actor, AuditChange } from './audit'
import { catalogChanged, columnsOf, toProductJson } from './products'

type ProductRow = typeof products.$inferSelect
type Fields = v.InferOutput<typeof ProductImportUpdate>

interface CsvRow {
  line: number
  sku: string
  /** The row's cells as product fields: only the file's non-empty cells (an empty one leaves its field as it is). */
  fields: Record<string, unknown>
  errors: ErrorDetails
}

interface PlannedRow extends ImportRowJson {
  fields?: Fields
  before?: ProductRow
}

function fileError(message: string): never {
  throw apiError(400, message, { details: { csv: [message] } })
}

function readHeader(cells: string[]): ProductCsvColumn[] {
  const header = cells.map(cell => cell.trim().toLowerCase())
  const unknown = header.filter(name => !(PRODUCT_CSV_COLUMNS as readonly string[]).includes(name))
  if (unknown.length) fileError(`Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map(name => `"${name}"`).join(', ')}: the columns are ${PRODUCT_CSV_COLUMNS.join(', ')}`)
  const repeated = header.find((name, i) => header.indexOf(name) !== i)
  if (repeated) fileError(`The column "${repeated}" appears twice`)
  if (!header.includes('sku')) fileError('The header has no "sku" column: rows are matched to products by SKU')
  return header as ProductCsvColumn[]
}

const BOOLEANS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, 1: true, 0: false }

/** A cell as the API's JSON would carry it; `undefined` leaves the field out (as is, or the default). */
function cellValue(column: ProductCsvColumn, raw: string, errors: ErrorDetails): unknown {
  const text = raw.trim()
  const invalid = (message: string) => {
    errors[column] = [message]
  }
  switch (column) {
    case 'sku':
    case 'name':
    case 'category':
      return text || undefined
    case 'description':
      return text ? raw : undefined
    case 'price':
    case 'cost':
      if (!text) return undefined
      return parseAmount(text, { decimalComma: true }) ?? invalid(`${column} must be an amount like 19.99`)
    case 'vat_rate':
      if (!text) return undefined
      // A rate is written like an amount (5.5 or 5,5); the schema then checks it is one of the shop's.
      return parseAmount(text, { decimalComma: true }) ?? invalid('vat_rate must be a rate in per cent, like 5.5')
    case 'stock':
      if (!text) return undefined
      if (!/^\d{1,7}$/.test(text)) return invalid('stock must be a whole number')
      return Number(text)
    case 'is_active':
      if (!text) return undefined
      if (!(text.toLowerCase() in BOOLEANS)) return invalid('is_active must be true or false (or yes/no, 1/0)')
      return BOOLEANS[text.toLowerCase()]
  }
}

function readRows(csv: string): CsvRow[] {
  let records
  try {
    records = parseCsv(csv)
  }
  catch (error) {
    if (error instanceof CsvFileError) fileError(`The file is not valid CSV: ${error.message}`)
    throw error
  }
  const [header, ...rows] = records
  if (!header) fileError('The file is empty')
  if (rows.length === 0) fileError('The file has a header but no rows')
  if (rows.length > MAX_IMPORT_ROWS) fileError(`The file has ${rows.length} rows: import at most ${MAX_IMPORT_ROWS} at a time`)
  const columns = readHeader(header.cells)
  const seen = new Map<string, number>()
  return rows.map(({ line, cells }) => {
    const errors: ErrorDetails = {}
    const fields: Record<string, unknown> = {}
    columns.forEach((column, i) => {
      const value = cellValue(column, cells[i] ?? '', errors)
      if (value !== undefined) fields[column] = value
    })
    if (cells.length !== columns.length) errors._row = [`${cells.length} cells where the header has ${columns.length}`]
    const sku = typeof fields.sku === 'string' ? fields.sku : ''
    if (!sku) errors.sku = ['sku is required: rows are matched to products by SKU']
    else if (seen.has(sku)) errors.sku = [`The SKU ${sku} is already on line ${seen.get(sku)}`]
    else seen.set(sku, line)
    return { line, sku, fields, errors }
  })
}

const COMPARED = ['name', 'category', 'price', 'vat_rate', 'cost', 'stock', 'is_active', 'description'] as const

/** What each row does to the catalog as it stands in `existing` (products by SKU). */
function plan(rows: CsvRow[], existing: Map<string, ProductRow>): PlannedRow[] {
  return rows.map(({ line, sku, fields, errors }) => {
    const before = existing.get(sku)
    const base = { line, sku: sku || null, name: typeof fields.name === 'string' ? fields.name : before?.name ?? null }
    const result = before ? v.safeParse(ProductImportUpdate, fields) : v.safeParse(ProductCreateInput, fields)
    const reasons = { ...(result.success ? {} : issuesToDetails(result.issues)), ...errors }
    if (!result.success || Object.keys(reasons).length) return { ...base, action: 'reject', errors: reasons }
    if (!before) return { ...base, action: 'create', fields: result.output }
    const current = toProductJson(before, { admin: true })
    const changes: Record<string, { before: unknown, after: unknown }> = {}
    for (const field of COMPARED) {
      if (!(field in result.output)) continue
      const after = result.output[field] ?? null
      if (after !== current[field as keyof ProductJson]) changes[field] = { before: current[field as keyof ProductJson], after }
    }
    if (Object.keys(changes).length === 0) return { ...base, action: 'unchanged' }
    return { ...base, action: 'update', changes, fields: result.output, before }
  })
}

async function productsBySku(db: Database, skus: string[], { lock = false } = {}) {
  if (skus.length === 0) return new Map<string, ProductRow>()
  // Locked in id order, as every other multi-row lock in the shop: no deadlock with orders.
  const query = db.select().from(products).where(inArray(products.sku, skus)).orderBy(asc(products.id))
  const rows = lock ? await query.for('update') : await query
  return new Map(rows.map(row => [row.sku!, row]))
}

/** The state of the products a file touches: if it differs at apply time, the preview is stale. */
function fingerprint(existing: Map<string, ProductRow>) {
  const hash = createHash('sha256')
  for (const row of [...existing.values()].sort((a, b) => a.id.localeCompare(b.id))) hash.update(`${row.id}:${row.updatedAt.getTime()}:${row.stock};`)
  return hash.digest('base64url')
}

function report(rows: PlannedRow[], existing: Map<string, ProductRow>, applied: boolean): ImportReportJson {
  const summary: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, reject: 0 }
  for (const row of rows) summary[row.action]++
  return { applied, token: fingerprint(existing), summary, rows: rows.map(({ fields: _fields, before: _before, ...row }) => row) }
}

async function applyPlan(tx: Database, rows: PlannedRow[], actor: Actor) {
  const creates = rows.filter(row => row.action === 'create')
  if (creates.length) {
    const inserted = await tx.insert(products).values(creates.map(({ fields }) => ({
      name: fields!.name!,
      priceCents: amountToCents(fields!.price!),
      ...columnsOf(fields!),
      stock: fields!.stock ?? 0,
    }))).returning()
    const stocked = inserted.filter(row => row.stock > 0)
    if (stocked.length) {
      await tx.insert(stockMovements).values(stocked.map(row => ({ productId: row.id, delta: row.stock, stockAfter: row.stock, reason: 'import' as const, actorId: actor.id })))
    }
    await recordAudit(tx, actor, inserted.map(row => ({ action: 'product.create', entity: 'product', entityId: row.id, after: toProductJson(row, { admin: true }) })))
  }
  const ledger: (typeof stockMovements.$inferInsert)[] = []
  const changes: AuditChange[] = []
  for (const { fields, before } of rows.filter(row => row.action === 'update')) {
    const stock = fields!.stock ?? before!.stock
    const [row] = await tx.update(products).set({ ...columnsOf(fields!), stock }).where(eq(products.id, before!.id)).returning()
    if (stock !== before!.stock) ledger.push({ productId: before!.id, delta: stock - before!.stock, stockAfter: stock, reason: 'import', note: 'CSV import', actorId: actor.id })
    changes.push({ action: 'product.update', entity: 'product', entityId: before!.id, before: toProductJson(before!, { admin: true }), after: toProductJson(row!, { admin: true }) })
  }
  if (ledger.length) await tx.insert(stockMovements).values(ledger)
  await recordAudit(tx, actor, changes)
  await catalogChanged(tx, '*')
}

/**
 * A product CSV, row by row: created (new SKU), updated (known SKU), unchanged, or
 * rejected with its reasons. A dry run only reports, with a token of what it saw.
 * Applying re-plans under row locks in one transaction, refuses if the products changed
 * since the preview whose token it carries (a sale, another admin's edit: what was
 * approved is no longer what would be written), and changes nothing unless every row is
 * acceptable.
 */
export async function importProducts(db: Database, input: { csv: string, apply: boolean, token?: string }, actor: Actor): Promise<ImportReportJson> {
  const rows = readRows(input.csv)
  const skus = [...new Set(rows.map(row => row.sku).filter(Boolean))]
  if (!input.apply) {
    const existing = await productsBySku(db, skus)
    return report(plan(rows, existing), existing, false)
  }
  return db.transaction(async (tx) => {
    const existing = await productsBySku(tx, skus, { lock: true })
    if (input.token !== undefined && input.token !== fingerprint(existing)) {
      throw apiError(409, 'Some of these products changed since the preview (a sale, another edit): preview the file again')
    }
    const planned = plan(rows, existing)
    const rejected = planned.filter(row => row.action === 'reject')
    if (rejected.length) {
      throw apiError(400, `${rejected.length} row${rejected.length > 1 ? 's are' : ' is'} rejected: nothing was imported`, {
        details: Object.fromEntries(rejected.map(row => [`line ${row.line}`, Object.entries(row.errors!).flatMap(([field, messages]) => messages.map(message => `${field}: ${message}`))])),
      })
    }
    await applyPlan(tx, planned, actor)
    return report(planned, existing, true)
  })
}
