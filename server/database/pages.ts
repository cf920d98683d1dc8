import { count } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { toPage } from '../../shared/utils/pagination'
import type { Page } from '../../shared/utils/pagination'
import type { Database } from './client'

/** The rows a page shows: LIMIT and OFFSET to put on the list's query. */
export interface PageWindow {
  limit: number
  offset: number
}

/**
 * One page of a list and the total of its filters, read together: `rows` reads (and maps)
 * the page's rows within `window`, and the total counts `table`'s rows matching `where`.
 */
export async function readPage<Row>(
  db: Database,
  query: { page: number, limit: number },
  list: { table: PgTable, where: SQL | undefined, rows: (window: PageWindow) => Promise<Row[]> },
): Promise<Page<Row>> {
  const [data, [totals]] = await Promise.all([
    list.rows({ limit: query.limit, offset: (query.page - 1) * query.limit }),
    db.select({ total: count() }).from(list.table).where(list.where),
  ])
  return toPage(data, totals?.total ?? 0, query.page, query.limit)
}
