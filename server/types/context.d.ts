import type { PageSessionJson, UserJson } from '#shared/types/api'
import type { SessionUser } from '../utils/auth'

declare module 'h3' {
  interface H3EventContext {
    /** Set for every request by the request-context plugin. */
    requestId: string
    /** The signed-in user, when the request carries a valid session. */
    user?: SessionUser
    /** A signed-in page request's id, with which its render's API calls borrow its session (server/utils/render-session.ts). */
    renderId?: string
    /** A signed-in page request's profile, read with its session check (06.auth). */
    profile?: UserJson
    /** A signed-in page request's profile and saved cart, for its render (server/middleware/08.page-session.ts). */
    pageSession?: PageSessionJson
    /** Set when the rendered page may be kept for other anonymous visitors (server/plugins/page-cache.ts). */
    pageCacheKey?: string
  }
}

export {}
