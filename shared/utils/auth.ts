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
  }
}

/** A redirect target taken from a URL is followed only if it stays on this site. */
export function safeRedirect(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback
  // Never bounce back into the auth API itself.
  if (target.startsWith('/api/')) return fallback
  return target
}
