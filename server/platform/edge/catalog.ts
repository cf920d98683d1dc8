import { catalogChanges } from '../../../drizzle/schema'
import type { Database } from '../../database/client'

/** Unused on the edge (no LISTEN): kept so both sides export the same names. */
export const CATALOG_CHANNEL = 'comptoir_catalog'

/** Records which products changed (`*`: any) with `db`'s transaction; isolates read it (server/edge/catalog-follower.ts). */
export async function announceCatalogChange(db: Database, payload: string) {
  await db.insert(catalogChanges).values({ productIds: payload })
}
