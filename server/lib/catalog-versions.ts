/**
 * The catalog's versions, part of the key of every cached catalog read and page. A change
 * bumps them on this instance once its transaction commits (`catalogChanged` in
 * server/services/products.ts), and on the others through PostgreSQL NOTIFY (the payload
 * names the products, or `*`). So a new price or stock level shows on the next request, on
 * every instance. Lists (and the
 * pages made of them) depend on every product; a product's own reads and page only on it,
 * so an order leaves the other products' pages cached.
 */
let listVersion = 0
let productEpoch = 0
let productCounter = 0
const productVersions = new Map<string, number>()
const invalidationListeners = new Set<() => void>()

/** After a change to these products (`*`: to any number of them). */
export function invalidateCatalog(productIds: readonly string[] | '*') {
  listVersion++
  if (productIds === '*') productEpoch++
  else for (const id of productIds) productVersions.set(id, ++productCounter)
  for (const listener of invalidationListeners) listener()
}

/** A NOTIFY payload as written by `catalogChanged`: product ids joined by commas, or `*`. */
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

/** Runs `listener` after every invalidation, in the same tick (a read replica then waits to catch up: server/database/replica.ts). */
export function onCatalogInvalidated(listener: () => void) {
  invalidationListeners.add(listener)
}
