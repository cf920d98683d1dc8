import { FetchError } from 'ofetch'
import type { FetchOptions } from 'ofetch'
import type { ApiMethod, ApiPathOption, ApiResponse, ApiRoute } from '../composables/api-routes'

/** $fetch without Nitro's own route typing, which cannot follow a generic route (excessive stack depth): `api` types the answer instead. */
const fetchJson = $fetch as <T>(url: string, options: FetchOptions<'json'>) => Promise<T>

/** $fetch's options, with `method` one of the route's and `path` its parameters. */
export type ApiOptions<R extends ApiRoute, M extends ApiMethod<R>> = Omit<FetchOptions<'json'>, 'method'> & { method?: M } & ApiPathOption<R>

/** The options may be left out only when the route has no parameters. */
type ApiArgs<R extends ApiRoute, M extends ApiMethod<R>> = ApiPathOption<R> extends { path: object } ? [options: ApiOptions<R, M>] : [options?: ApiOptions<R, M>]

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
export default defineNuxtPlugin((nuxtApp) => {
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

  /** `$api('/api/orders/:id/status', { path: { id }, method: 'PATCH', body })`: the answer is typed from the route's handler. */
  async function api<R extends ApiRoute, M extends ApiMethod<R> = 'GET' & ApiMethod<R>>(route: R, ...[options]: ApiArgs<R, M>): Promise<ApiResponse<R, M>> {
    const { path, headers, ...fetchOptions }: Omit<FetchOptions<'json'>, 'method'> & { method?: string, path?: Record<string, string> } = options ?? {}
    const url = apiPath(route, path)
    // The API answers (messages, validation details) in the page's language.
    const call = () => fetchJson<ApiResponse<R, M>>(url, { ...fetchOptions, headers: { ...serverHeaders, 'accept-language': nuxtApp.$i18n.locale.value, ...headers as Record<string, string> } })
    try {
      return await call()
    }
    catch (error) {
      if (!(error instanceof FetchError) || error.statusCode !== 401 || NO_RETRY.some(prefix => url.startsWith(prefix))) throw error
      if (!(await renew())) throw error
      return call()
    }
  }

  return { provide: { api } }
})
