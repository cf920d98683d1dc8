import { PLATFORM } from '#platform'
import { pruneExpired } from '../services/maintenance'

const EVERY_MS = 15 * 60_000

/** Expired tokens, denials and rate-limit windows are deleted soon after boot, then every 15 minutes. */
export default defineNitroPlugin((nitroApp) => {
  // On the edge a Cron Trigger runs the `maintenance:prune` task instead.
  if (PLATFORM === 'edge') return
  async function prune() {
    if (!isDatabaseReady()) return
    try {
      const removed = await pruneExpired(useDb())
      logger.debug('pruned expired rows', removed)
    }
    catch (error) {
      logger.warn('pruning failed', { error: (error as Error).message })
    }
  }
  const first = setTimeout(prune, 30_000).unref()
  const timer = setInterval(prune, EVERY_MS).unref()
  nitroApp.hooks.hook('close', () => {
    clearTimeout(first)
    clearInterval(timer)
  })
})
