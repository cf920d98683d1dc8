import { LRUCache } from 'lru-cache'
import type { ProductListQuery } from '../../shared/schemas/products'
import { bestSellers, getProduct, listProducts } from '../services/products'

/**
 * Public catalog reads are cached in memory for a minute, then served stale once while they
 * refresh. The cache keys carry a version that every catalog change bumps: on this instance
 * at once, on the others through PostgreSQL NOTIFY. So a new price or stock level shows on
 * the next request, on every instance.
 */
let version = 0

export function bumpCatalogVersion() {
  version++
}

/** Part of the key of anything derived from the catalog (see also server/plugins/page-cache.ts). */
export function catalogVersion() {
  return version
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
  return (arg: A) => cache.fetch(`${version}:${keyOf(arg)}`, { context: arg })
}

/** Distinct list queries are unbounded (any keyword): the LRU caps them. */
export const cachedProductList = cachedRead(2_000, (query: ProductListQuery) => JSON.stringify(query), query => listProducts(useDb(), query))

/** Room for a whole catalog of 20,000 products: a product page missing from the cache costs a query. */
export const cachedProduct = cachedRead(20_000, (id: string) => id, id => getProduct(useDb(), id))

export const cachedBestSellers = cachedRead(50, (limit: number) => String(limit), limit => bestSellers(useDb(), limit))
