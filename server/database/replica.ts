import { withReplicas } from 'drizzle-orm/pg-core'
import { setTimeout as sleep } from 'node:timers/promises'
import postgres from 'postgres'
import { openDatabase } from './client.ts'
import type { Database } from './client.ts'

/** How often a replica that is behind is asked how far it has replayed. */
const POLL_MS = 50
/** How long to wait before asking again a replica that failed to answer. */
const RETRY_MS = 1000

export interface ReplicaReads {
  /** Runs a read on the replica when it has caught up, on the primary otherwise (or if the replica fails it). */
  read: <T>(run: (db: Database) => Promise<T>) => Promise<T>
  /** The catalog changed: reads go to the primary until the replica has replayed up to now. */
  changed: () => void
  close: () => Promise<void>
}

/**
 * The public catalog's reads on a streaming replica (DATABASE_REPLICA_URL), through Drizzle's
 * `withReplicas` (selects on the replica, anything else on the primary). A replica lags, and
 * a customer must never see a catalog older than one they were already shown, nor an admin
 * their change undone: after each catalog change this instance learns of (its own on commit,
 * the others' by NOTIFY), reads go to the primary until the replica has replayed the
 * primary's WAL up to that moment, polled every 50 ms. At start, and after a failed replica
 * read, the same: the primary until the replica has caught up and answers. Everything else
 * (sessions, carts, orders, stock, admin pages) never comes here: it reads the primary.
 */
export function openReplicaReads(primary: Database, urls: { primary: string, replica: string }, report: (message: string, fields: Record<string, unknown>) => void): ReplicaReads {
  const replica = openDatabase({ url: urls.replica, dataDir: '', poolSize: 10, applicationName: 'comptoir-replica' })
  const replicated = withReplicas(primary, [replica.db])
  // One connection to each server for the replay positions: the pools stay for the reads.
  const positions = {
    primary: postgres(urls.primary, { max: 1, connect_timeout: 5, connection: { application_name: 'comptoir-replica-watch' } }),
    replica: postgres(urls.replica, { max: 1, connect_timeout: 5, connection: { application_name: 'comptoir-replica-watch' } }),
  }
  let caughtUp = false
  let generation = 0
  let closed = false

  const primaryPosition = async () => {
    const [row] = await positions.primary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`
    return row!.lsn
  }
  // A server that is not in recovery is no replica (DATABASE_REPLICA_URL naming the primary): nothing to wait for.
  const replayedUpTo = async (lsn: string) => {
    const [row] = await positions.replica<{ standby: boolean, replayed: boolean | null }[]>`
      select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as replayed`
    return !row!.standby || row!.replayed === true
  }

  async function catchUp(mine: number) {
    let target: string | undefined
    let failing = false
    while (!closed && mine === generation) {
      try {
        target ??= await primaryPosition()
        if (await replayedUpTo(target)) {
          if (mine === generation) caughtUp = true
          if (failing) report('read replica answers again', {})
          return
        }
        await sleep(POLL_MS)
      }
      catch (error) {
        if (!failing) report('read replica unavailable: catalog reads go to the primary', { error: (error as Error).message })
        failing = true
        await sleep(RETRY_MS)
      }
    }
  }

  const changed = () => {
    caughtUp = false
    void catchUp(++generation)
  }
  changed()

  return {
    read: async (run) => {
      if (!caughtUp) return run(primary)
      try {
        return await run(replicated)
      }
      catch (error) {
        report('read replica failed a read: reading from the primary', { error: (error as Error).message })
        changed()
        return run(primary)
      }
    },
    changed,
    close: async () => {
      closed = true
      await Promise.all([replica.close(), positions.primary.end({ timeout: 1 }), positions.replica.end({ timeout: 1 })])
    },
  }
}
