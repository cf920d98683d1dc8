import { sql } from 'drizzle-orm'
import type { Database } from '../../database/client'

/** Every instance listens here (server/plugins/database.ts): a change reaches them with its commit. */
export const CATALOG_CHANNEL = 'comptoir_catalog'

/** Tells the other instances which products changed (`*`: any), when `db`'s transaction commits. */
export async function announceCatalogChange(db: Database, payload: string) {
  await db.execute(sql`select pg_notify(${CATALOG_CHANNEL}, ${payload})`)
}
