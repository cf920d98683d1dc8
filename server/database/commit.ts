import type { Database } from './client'

/** The callbacks of each open transaction, by its Drizzle transaction object. */
const pending = new WeakMap<object, (() => void)[]>()

/**
 * Runs `callback` once what `db` wrote is committed: at the end of its transaction, or at
 * once when `db` is not a transaction (each statement commits on its own). Not run if the
 * transaction rolls back. Savepoints (`tx.transaction`, which nothing uses) are not
 * followed: inside one, the callback would run at once.
 */
export function afterCommit(db: Database, callback: () => void) {
  const callbacks = pending.get(db)
  if (callbacks) callbacks.push(callback)
  else callback()
}

/** Makes `db.transaction` run its afterCommit callbacks once it has committed. */
export function withAfterCommit(db: Database): Database {
  const transaction = db.transaction.bind(db)
  db.transaction = async (work, config) => {
    const callbacks: (() => void)[] = []
    const result = await transaction((tx) => {
      pending.set(tx, callbacks)
      return work(tx)
    }, config)
    for (const callback of callbacks) callback()
    return result
  }
  return db
}
