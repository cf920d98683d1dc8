import { withJobDatabase } from '#platform/database'
import { pruneExpired } from '../../services/maintenance'

/** The edge's Cron Trigger for what expires (every 15 minutes): tokens, denials, rate-limit windows. */
export default defineTask({
  meta: { name: 'maintenance:prune', description: 'Deletes expired sessions, denials and rate-limit windows' },
  async run({ context }) {
    const env = (context as { cloudflare?: { env: Record<string, unknown> } }).cloudflare?.env
    return { result: await withJobDatabase(env, pruneExpired) }
  },
})
