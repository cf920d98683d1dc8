import type { UseFetchOptions } from '#app'
import type { ApiPathOption, ApiResponse, ApiRoute } from './api-routes'

type GetRoute = { [R in ApiRoute]: ApiResponse<R> extends never ? never : R }[ApiRoute]

/**
 * useFetch through `$api` for a GET route named by its pattern: SSR-safe, cookie-forwarding,
 * renewing the session once on a 401, and typed from the route's handler. `path` fills the
 * route's `:name` segments; a ref or getter there refetches when it changes.
 */
export function useApi<R extends GetRoute>(route: R, options: UseFetchOptions<ApiResponse<R>> & ApiPathOption<R, MaybeRefOrGetter<string>>) {
  const { path, ...fetchOptions } = options
  const url = () => apiPath(route, path && Object.fromEntries(Object.entries<MaybeRefOrGetter<string>>(path).map(([name, value]) => [name, toValue(value)])))
  return useFetch(url, { ...fetchOptions, $fetch: useNuxtApp().$api as typeof $fetch })
}
