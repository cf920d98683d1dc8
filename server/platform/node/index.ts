import { getRequestIP } from 'h3'
import type { H3Event } from 'h3'

/**
 * The platform seam: `#platform/…` is this folder in the Node build and ../edge in the
 * Workers build (nuxt.config.ts, `--envName edge`). Each module exports the same names
 * from both: database, password, images, mail. Nothing else in the code knows which runs.
 */
export const PLATFORM: 'node' | 'edge' = 'node'

/** The address the request came from: the socket's peer (a proxy in front is handled with TRUST_PROXY). */
export function requestAddress(event: H3Event): string | undefined {
  return getRequestIP(event)
}
