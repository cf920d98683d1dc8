import type { SessionUser } from '../utils/auth'

declare module 'h3' {
  interface H3EventContext {
    /** Set for every request by the request-context plugin. */
    requestId: string
    /** The signed-in user, when the request carries a valid session. */
    user?: SessionUser
    /** Set when the rendered page may be kept for other anonymous visitors (server/plugins/page-cache.ts). */
    pageCacheKey?: string
  }
}

export {}
