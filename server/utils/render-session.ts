import { randomUUID } from 'node:crypto'
import type { H3Event } from 'h3'
import type { SessionUser } from './auth'

/** The header with which a page's render passes its session to its own API calls. */
export const RENDER_HEADER = 'x-comptoir-render'

/** Sessions checked by page requests being rendered, by a random id that lives as long as the response. */
const renders = new Map<string, SessionUser>()

/**
 * Lends the session a page request was checked with to the API calls its render makes
 * (profile, cart, page data), so that one render checks the session once, not once per
 * call. The id is random and forgotten when the response ends.
 */
export function lendSessionToRender(event: H3Event, user: SessionUser) {
  const id = randomUUID()
  renders.set(id, user)
  event.node.res.once('close', () => renders.delete(id))
  event.context.renderId = id
}

/**
 * The session of the page whose render is making this API call: only for the server's own
 * calls (they have no client address), never for a request from outside.
 */
export function sessionOfRender(event: H3Event): SessionUser | undefined {
  const id = getRequestHeader(event, RENDER_HEADER)
  if (!id || clientAddress(event) !== undefined) return undefined
  return renders.get(id)
}
