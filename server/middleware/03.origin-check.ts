const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function originOf(value: string | undefined) {
  if (!value) return undefined
  try {
    return new URL(value)
  }
  catch {
    return null
  }
}

/**
 * CSRF: a state-changing API call must come from the shop's own pages or an origin in
 * ALLOWED_ORIGINS. A browser always says where a cross-site request comes from (Origin,
 * or Referer), so a foreign or unreadable one is refused; one with neither is refused
 * when it carries the session cookies. CORS answers only the allowed origins, never `*`.
 */
export default defineEventHandler((event) => {
  if (!event.path.startsWith('/api/')) return
  const { allowedOrigins } = useConfig()
  if (allowedOrigins.length > 0 && handleCors(event, {
    origin: allowedOrigins,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['content-type', 'idempotency-key', 'x-request-id'],
    exposeHeaders: ['x-request-id', 'retry-after'],
    maxAge: '600',
  })) return

  if (!UNSAFE.has(event.method)) return
  // Referer stands in only for a missing Origin: an Origin that is there but unreadable (`null`, from a sandboxed frame or a data: page) is refused as it is.
  const origin = getRequestHeader(event, 'origin')
  const source = origin === undefined ? originOf(getRequestHeader(event, 'referer')) : originOf(origin)
  if (source === undefined) {
    if (hasAuthCookies(event)) throw apiError(403, 'Cross-site request refused (no Origin)')
    return
  }
  const host = getRequestHeader(event, 'x-forwarded-host') && useConfig().trustProxy > 0
    ? getRequestHeader(event, 'x-forwarded-host')
    : getRequestHeader(event, 'host')
  const sameSite = source !== null && source.host === host
  if (!sameSite && !(source && allowedOrigins.includes(source.origin))) {
    throw apiError(403, 'Cross-site request refused')
  }
})
