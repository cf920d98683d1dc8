import { getRequestHeader, getRequestIP } from 'h3'
import type { H3Event } from 'h3'

/** The platform seam, Workers side: see ../node/index.ts. */
export const PLATFORM: 'node' | 'edge' = 'edge'

/**
 * The address the request came from: Cloudflare's `CF-Connecting-IP` (a Worker is reached
 * only through Cloudflare, which sets it; wrangler dev sets it too), else the connection's.
 */
export function requestAddress(event: H3Event): string | undefined {
  return getRequestHeader(event, 'cf-connecting-ip') ?? getRequestIP(event)
}
