import type { Database } from '../database/client'

declare module 'nitropack/types' {
  interface NitroRuntimeHooks {
    /** Migrations are applied (Node build, at boot): what must exist before the first request is done here. */
    'comptoir:database-migrated': (db: Database) => Promise<void> | void
  }
}

declare module 'h3' {
  interface H3EventContext {
    /** The edge build's connection for this request (server/platform/edge/database.ts). */
    database?: { db: Database, close: () => Promise<void> }
    /** What the Workers runtime passes each request (the cloudflare-module preset). */
    cloudflare?: { env: Record<string, unknown>, context: { waitUntil: (promise: Promise<unknown>) => void } }
  }
}

export {}
