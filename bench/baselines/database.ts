import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import postgres from 'postgres'

export type Row = Record<string, unknown>
export type Query = (text: string, params?: unknown[]) => Promise<Row[]>

/** Plain SQL with numbered parameters, on postgres.js or on PGlite: no ORM, no query builder. */
export interface BareDatabase {
  query: Query
  transaction: <T>(task: (query: Query) => Promise<T>) => Promise<T>
}

/** postgres.js with the shop's pool size (10), or PGlite in `BENCH_PGLITE_DIR` (a copy of the shop's data). */
export function openBareDatabase(env: NodeJS.ProcessEnv): BareDatabase {
  if (env.DATABASE_URL) {
    const sql = postgres(env.DATABASE_URL, { max: 10, onnotice: () => {} })
    // Prepared statements, as postgres.js's tagged templates use by default; the parameters are strings and numbers.
    const run = (client: postgres.Sql | postgres.TransactionSql) => (text: string, params: unknown[] = []) =>
      client.unsafe<Row[]>(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }).then(rows => [...rows])
    return {
      query: run(sql),
      transaction: task => sql.begin(tx => task(run(tx))) as Promise<never>,
    }
  }
  if (!env.BENCH_PGLITE_DIR) throw new Error('DATABASE_URL or BENCH_PGLITE_DIR is required')
  const client = new PGlite(env.BENCH_PGLITE_DIR, { extensions: { pg_trgm } })
  return {
    query: (text, params) => client.query<Row>(text, params).then(result => result.rows),
    transaction: task => client.transaction(tx => task((text, params) => tx.query<Row>(text, params).then(result => result.rows))),
  }
}

/** The columns of a product row as the shop's public JSON shows them (no cost for the public). */
export function productJson(row: Row) {
  return {
    id: row.id as string,
    name: row.name as string,
    description: row.description as string,
    category: row.category as string | null,
    price: Number(row.price_cents) / 100,
    vat_rate: Number(row.vat_rate_bp) / 100,
    stock: row.stock as number,
    sku: row.sku as string | null,
    is_active: row.is_active,
    created_at: (row.created_at as Date).toISOString(),
    updated_at: (row.updated_at as Date).toISOString(),
  }
}

export type BareProduct = ReturnType<typeof productJson>

/** The same statements as `productListQueries` in server/services/products.ts, for the default sort (newest first). */
export async function productPage(db: BareDatabase, { page, limit, keyword }: { page: number, limit: number, keyword?: string }) {
  const filter = keyword ? 'is_active = true and name ilike $1' : 'is_active = true'
  const params = keyword ? [`%${keyword.replace(/[\\%_]/g, c => `\\${c}`)}%`] : []
  const [rows, [total]] = await Promise.all([
    db.query(`select * from products where id in (select id from products where ${filter} order by created_at desc, id desc limit ${limit} offset ${(page - 1) * limit}) order by created_at desc, id desc`, params),
    db.query(`select count(*) as total from products where ${filter}`, params),
  ])
  const count = Number(total!.total)
  return { data: rows.map(productJson), total: count, page, limit, has_next: page * limit < count }
}

export async function productById(db: BareDatabase, id: string) {
  const [row] = await db.query('select * from products where id = $1 and is_active = true', [id])
  return row ? productJson(row) : undefined
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (text: string) => UUID.test(text)

/** `page`, `limit` and `keyword` of a query string, with the shop's defaults and bounds. */
export function pageQuery(params: URLSearchParams, defaultLimit = 20) {
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1)
  const limit = Math.min(100, Math.max(1, Number.parseInt(params.get('limit') ?? String(defaultLimit), 10) || defaultLimit))
  return { page, limit, keyword: params.get('keyword')?.trim() || undefined }
}
