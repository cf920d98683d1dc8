import { LRUCache } from 'lru-cache'
import type { ProductListQuery } from '../../shared/schemas/products'
import { toPage } from '../../shared/utils/pagination'
import { bestSellers, countProducts, getProduct, productListRows } from '../services/products'

/**
 * Public catalog reads are cached in memory for a minute, then served stale once while they
 * refresh. Their keys carry versions that catalog changes bump: on this instance at once,
 * on the others through PostgreSQL NOTIFY (the payload names the products, or `*`). So a
 * new price or stock level shows on the next request, on every instance. Lists (and the
 * pages made of them) depend on every product; a product's own reads and page only on it,
 * so an order leaves the other products' pages cached.
 */
let listVersion = 0
let productEpoch = 0
let productCounter = 0
const productVersions = new Map<string, number>()

/** After a change to these products (`*`: to any number of them). */
export function invalidateCatalog(productIds: readonly string[] | '*') {
  listVersion++
  if (productIds === '*') productEpoch++
  else for (const id of productIds) productVersions.set(id, ++productCounter)
}

/** A NOTIFY payload as written by `announceCatalogChange`: product ids joined by commas, or `*`. */
export function invalidateCatalogFrom(payload: string) {
  invalidateCatalog(payload === '*' ? '*' : payload.split(','))
}

/** Part of the key of anything made from product lists (see also server/plugins/page-cache.ts). */
export function catalogVersion() {
  return listVersion
}

/** Part of the key of anything made from this one product. */
export function productVersion(id: string) {
  return `${productEpoch}.${productVersions.get(id) ?? 0}`
}

const TTL_MS = 60_000

/**
 * An LRU of the values themselves (no serialisation on a hit), bounded in entries; concurrent
 * misses on one key share one read. A read that finds nothing (`undefined`) is not kept.
 */
function cachedRead<A, V extends object>(max: number, keyOf: (arg: A) => string, read: (arg: A) => Promise<V | undefined>) {
  // lru-cache types the fetch context through conditional types that a generic argument cannot satisfy: it is always an `A`.
  const cache = new LRUCache<string, V, unknown>({
    max,
    ttl: TTL_MS,
    allowStale: true,
    fetchMethod: (_key, _stale, { context }) => read(context as A),
  })
  return (arg: A) => cache.fetch(keyOf(arg), { context: arg })
}

/** What a list's total depends on: its filters, not its page or sort. */
const filtersKey = ({ page: _page, limit: _limit, sort_by: _sortBy, order: _order, ...filters }: ProductListQuery) => JSON.stringify(filters)

/** A list's total, shared by all its pages and sorts: a page that misses costs one statement, not two. */
const cachedProductTotal = cachedRead(2_000, (query: ProductListQuery) => `${listVersion}:${filtersKey(query)}`, async query => ({ total: await countProducts(useDb(), query) }))

/** Distinct list queries are unbounded (any keyword): the LRU caps them. */
export const cachedProductList = cachedRead(2_000, (query: ProductListQuery) => `${listVersion}:${JSON.stringify(query)}`, async (query) => {
  const [rows, counted] = await Promise.all([productListRows(useDb(), query), cachedProductTotal(query)])
  return toPage(rows, counted?.total ?? 0, query.page, query.limit)
})

/** Room for a whole catalog of 20,000 products: a product page missing from the cache costs a query. */
export const cachedProduct = cachedRead(20_000, (id: string) => `${productVersion(id)}:${id}`, id => getProduct(useDb(), id))

export const cachedBestSellers = cachedRead(50, (limit: number) => `${listVersion}:${limit}`, limit => bestSellers(useDb(), limit))
