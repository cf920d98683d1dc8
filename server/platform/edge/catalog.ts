import { catalogChanges } from '../../../drizzle/schema'
import type { Database } from '../../database/client'

/** Unused on the edge (no LISTEN): kept so both sides export the same names. */
export const CATALOG_CHANNEL = 'comptoir_catalog'

/** The changes this isolate recorded itself: it applied them on commit, so its follower skips them. */
export const ownCatalogChanges = new Set<number>()

/** Records which products changed (`*`: any) with `db`'s transaction; isolates read it (server/edge/catalog-follower.ts). */
export async function announceCatalogChange(db: Database, payload: string) {
  const [row] = await db.insert(catalogChanges).values({ productIds: payload }).returning({ id: catalogChanges.id })
  if (row) ownCatalogChanges.add(row.id)
}
