import type { UseFetchOptions } from '#app'

/** useFetch through `$api`: SSR-safe, cookie-forwarding, renewing the session once on a 401. */
export function useApi<T>(url: string | (() => string), options: UseFetchOptions<T> = {}) {
  return useFetch(url, { ...options, $fetch: useNuxtApp().$api as typeof $fetch })
}
