import type { ApiResponse } from './api-routes'

type DetailRoute = '/api/orders/:id' | '/api/products/:id'

interface DetailPage<R extends DetailRoute> {
  /** The API's answer, to replace with the answer of a change. */
  data: Ref<ApiResponse<R> | undefined>
  record: ComputedRef<ApiResponse<R>['data']>
  /** Reads it again (a page waiting for something to change elsewhere). */
  refresh: () => Promise<void>
}

/**
 * What a detail page shows: the record named by the `:id` of the page's URL, fetched during
 * SSR and reused on hydration. An id that is malformed or unknown (or not this visitor's)
 * is the page's 404; any other failure, a 503 (the shop is there, its data is not).
 */
export async function useDetailPage<R extends DetailRoute>(route: R, { key, notFound }: { key: string, notFound: string }): Promise<DetailPage<R>> {
  const page = useRoute()
  const id = computed(() => String(page.params.id))
  // Named by the union, which TypeScript can check against useApi's options; the answer is typed by `R` below.
  const { data, error, refresh } = await useApi(route as DetailRoute, { path: { id }, key: `${key}-${id.value}` })
  if (error.value || !data.value) {
    const missing = !error.value || error.value.statusCode === 400 || error.value.statusCode === 404
    throw createError({ statusCode: missing ? 404 : 503, statusMessage: missing ? notFound : 'Temporarily unavailable', fatal: true })
  }
  const answer = data as Ref<ApiResponse<R> | undefined>
  return { data: answer, record: computed(() => answer.value!.data), refresh }
}
