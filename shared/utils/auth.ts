/**
 * Cookie names. In production they carry the `__Host-` prefix (Secure, Path=/, no Domain)
 * or, for the refresh cookie scoped to /api/auth (which `__Host-` forbids), `__Secure-`.
 */
export function authCookieNames(secure: boolean) {
  return {
    access: secure ? '__Host-comptoir_access' : 'comptoir_access',
    refresh: secure ? '__Secure-comptoir_refresh' : 'comptoir_refresh',
    /** Holds no secret: tells page requests (which never see the refresh cookie) that a session may be renewed. */
    session: secure ? '__Host-comptoir_session' : 'comptoir_session',
    /** Signed: this browser signed in to an account before (sign-in limits treat it apart), scoped to /api/auth. */
    device: secure ? '__Secure-comptoir_device' : 'comptoir_device',
  }
}

/** Stands for the site's own origin when the caller has none at hand: only same-origin matters. */
const PLACEHOLDER_ORIGIN = 'https://comptoir.invalid'

/**
 * A redirect target taken from a URL, followed only if it stays on this site. The target
 * is resolved the way a browser resolves a Location header (the WHATWG URL parser, which
 * drops tabs and newlines and reads `\\` as `/`) against the site's origin, and kept only
 * when the origin is still the site's; what is sent is its path, query and fragment.
 */
export function safeRedirect(target: unknown, fallback = '/', origin = PLACEHOLDER_ORIGIN): string {
  if (typeof target !== 'string' || target === '') return fallback
  let url: URL
  try {
    url = new URL(target, origin)
  }
  catch {
    return fallback
  }
  const path = `${url.pathname}${url.search}${url.hash}`
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as another host.
  if (url.origin !== new URL(origin).origin || !path.startsWith('/') || path.startsWith('//')) return fallback
  // Never bounce back into the API itself.
  if (path === '/api' || path.startsWith('/api/')) return fallback
  return path
}
