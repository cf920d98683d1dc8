import type { NitroFetchOptions, NitroFetchRequest } from 'nitropack/types'
import { FetchError } from 'ofetch'

type ApiOptions = NitroFetchOptions<NitroFetchRequest>

/** Calls whose 401 means "wrong credentials", not "session expired". */
const NO_RETRY = ['/api/auth/login', '/api/auth/register', '/api/auth/refresh', '/api/auth/logout']

/**
 * `$api`: $fetch for the shop's API. In the browser, a 401 renews the session once
 * (POST /api/auth/refresh, to which the browser adds the refresh cookie) and retries.
 *
 * During SSR the request's cookies are forwarded, with the id under which the page request
 * lends its checked session to these calls (server/utils/render-session.ts). A page request never carries the
 * refresh cookie (it is scoped to /api/auth), so the server renews an expired session
 * before rendering instead (server/middleware/07.renew-session.ts): a 401 here means the
 * session is over.
 */
export default defineNuxtPlugin(() => {
  const renderId: string | undefined = import.meta.server ? useRequestEvent()?.context.renderId : undefined
  const serverHeaders: Record<string, string> = import.meta.server
    ? { ...useRequestHeaders(['cookie', 'host']), origin: useRequestURL().origin, ...(renderId ? { 'x-comptoir-render': renderId } : {}) }
    : {}

  let renewing: Promise<boolean> | undefined
  function renew(): Promise<boolean> {
    if (import.meta.server) return Promise.resolve(false)
    renewing ??= $fetch('/api/auth/refresh', { method: 'POST' }).then(() => true, () => false).finally(() => {
      renewing = undefined
    })
    return renewing
  }

  async function api<T>(url: string, options: ApiOptions = {}): Promise<T> {
    const call = () => $fetch<T>(url, { ...options, headers: { ...serverHeaders, ...options.headers as Record<string, string> } }) as Promise<T>
    try {
      return await call()
    }
    catch (error) {
      if (!(error instanceof FetchError) || error.statusCode !== 401 || NO_RETRY.some(path => url.startsWith(path))) throw error
      if (!(await renew())) throw error
      return call()
    }
  }

  return { provide: { api } }
})
