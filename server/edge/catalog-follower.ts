import type { Database } from '../database/client'
import { ownCatalogChanges } from '#platform/catalog'
import { invalidateCatalog } from '../lib/catalog-versions'
import { catalogChangesSince, lastCatalogChange } from '../services/products'

/** How stale an isolate's catalog caches may be after another isolate's change. */
const EVERY_MS = 2_000
/** More changes than this since the last look: everything is dropped instead of read one by one. */
const BATCH = 200

let seen: number | undefined
let lookedAt = 0
let looking: Promise<void> | undefined

/**
 * Keeps this isolate's catalog versions in step with the others' changes (the edge has no
 * LISTEN): at most every two seconds, a request first reads the changes recorded since the
 * last look and drops what they touched from the caches. A new isolate starts from the
 * newest change: its caches are empty anyway. (`database` is asked for only when it is time to look.)
 */
export function followCatalogChanges(database: () => Database): Promise<void> {
  if (Date.now() - lookedAt < EVERY_MS) return looking ?? Promise.resolve()
  lookedAt = Date.now()
  looking = (async () => {
    const db = database()
    if (seen === undefined) {
      seen = await lastCatalogChange(db)
    }
    else {
      const changes = await catalogChangesSince(db, seen, BATCH)
      // This isolate's own changes were applied when they committed: applying them again would only empty its caches twice.
      const others = changes.filter(change => !ownCatalogChanges.has(change.id))
      if (changes.length === BATCH) invalidateCatalog('*')
      else for (const change of others) invalidateCatalog(change.productIds === '*' ? '*' : change.productIds.split(','))
      seen = changes.at(-1)?.id ?? seen
    }
    for (const id of ownCatalogChanges) if (id <= seen) ownCatalogChanges.delete(id)
  })().catch(() => {
    // Unknown state: look again at the next request.
    lookedAt = 0
  }).finally(() => {
    looking = undefined
  })
  return looking
}
