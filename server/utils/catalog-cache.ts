import { LRUCache } from 'lru-cache'
import type { ProductListQuery } from '#shared/schemas/products'
import { toPage } from '#shared/utils/pagination'
import { bestSellers, countProducts, getProduct, productListRows } from '../services/products'
import { catalogVersion, productVersion } from '../lib/catalog-versions'

/**
 * Public catalog reads are cached in memory for a minute, then served stale once while they
 * refresh; their keys carry the catalog's versions (./catalog-versions.ts), so a change
 * shows on the next request, on every instance. They read the read replica when there is one
 * (`readCatalog`, server/database/replica.ts).
 */
const TTL_MS = 60_000

/**
 * An LRU of the values themselves (no serialisation on a hit), bounded in entries; concurrent
 * misses on one key share one read. A read that finds nothing (`undefined`) is not kept.
 */
function cachedRead<A, R extends object | undefined>(max: number, keyOf: (arg: A) => string, read: (arg: A) => Promise<R>) {
  // lru-cache types the fetch context through conditional types that a generic argument cannot satisfy: it is always an `A`.
  const cache = new LRUCache<string, NonNullable<R>, unknown>({
    max,
    ttl: TTL_MS,
    allowStale: true,
    fetchMethod: (_key, _stale, { context }) => read(context as A),
  })
  // A fetch answers what `read` answered (or the stale value it replaces): undefined only if `read` can answer it.
  return (arg: A) => cache.fetch(keyOf(arg), { context: arg }) as Promise<R>
}

/** What a list's total depends on: its filters, not its page or sort. */
const filtersKey = ({ page: _page, limit: _limit, sort_by: _sortBy, order: _order, ...filters }: ProductListQuery) => JSON.stringify(filters)

/** A list's total, shared by all its pages and sorts: a page that misses costs one statement, not two. */
const cachedProductTotal = cachedRead(2_000, (query: ProductListQuery) => `${catalogVersion()}:${filtersKey(query)}`, async query => ({ total: await readCatalog(db => countProducts(db, query)) }))

/** Distinct list queries are unbounded (any keyword): the LRU caps them. */
export const cachedProductList = cachedRead(2_000, (query: ProductListQuery) => `${catalogVersion()}:${JSON.stringify(query)}`, async (query) => {
  const [rows, counted] = await Promise.all([readCatalog(db => productListRows(db, query)), cachedProductTotal(query)])
  return toPage(rows, counted?.total ?? 0, query.page, query.limit)
})

/** Room for a whole catalog of 20,000 products: a product page missing from the cache costs a query. */
export const cachedProduct = cachedRead(20_000, (id: string) => `${productVersion(id)}:${id}`, id => readCatalog(db => getProduct(db, id)))

export const cachedBestSellers = cachedRead(50, (limit: number) => `${catalogVersion()}:${limit}`, limit => readCatalog(db => bestSellers(db, limit)))
