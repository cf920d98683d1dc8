import type { H3Event } from 'h3'
import type { ProductListQuery } from '../../shared/schemas/products'
import { bestSellers, getProduct, listProducts } from '../services/products'

/**
 * Public catalog reads are cached in memory (an LRU, see nuxt.config) for a minute and
 * served stale while they refresh. The cache keys carry a version that every catalog
 * change bumps: on this instance at once, on the others through PostgreSQL NOTIFY. So a
 * new price or stock level shows on the next request, on every instance.
 */
let version = 0

export function bumpCatalogVersion() {
  version++
}

const CACHE = { maxAge: 60, swr: true, staleMaxAge: 60 }

export const cachedProductList = defineCachedFunction(
  (_event: H3Event, query: ProductListQuery) => listProducts(useDb(), query),
  { ...CACHE, name: 'catalog-list', getKey: (_event, query) => `${version}:${JSON.stringify(query)}` },
)

export const cachedProduct = defineCachedFunction(
  (_event: H3Event, id: string) => getProduct(useDb(), id),
  { ...CACHE, name: 'catalog-product', getKey: (_event, id) => `${version}:${id}` },
)

export const cachedBestSellers = defineCachedFunction(
  (_event: H3Event, limit: number) => bestSellers(useDb(), limit),
  { ...CACHE, name: 'catalog-best-sellers', getKey: (_event, limit) => `${version}:${limit}` },
)
