import { sql } from 'drizzle-orm'
import type { Database } from '../../database/client'

/** Every instance listens here (server/plugins/database.ts): a change reaches them with its commit. */
export const CATALOG_CHANNEL = 'comptoir_catalog'

/** The edge's record of its own changes (see ../edge/catalog.ts); on Node a change reaches this instance by NOTIFY, its own included. */
export const ownCatalogChanges = new Set<number>()

/** Tells the other instances which products changed (`*`: any), when `db`'s transaction commits. */
export async function announceCatalogChange(db: Database, payload: string) {
  await db.execute(sql`select pg_notify(${CATALOG_CHANNEL}, ${payload})`)
}
