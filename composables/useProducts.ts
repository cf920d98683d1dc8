import type { Page } from '#shared/utils/pagination'
import type { ProductJson } from '#shared/types/api'
import type { ProductListParams } from '#shared/utils/product-filters'

/** A page of products from `GET /api/products`, fetched during SSR and reused on hydration. */
export function useProducts(params: MaybeRefOrGetter<ProductListParams>, key?: string) {
  return useApi<Page<ProductJson>>('/api/products', {
    key,
    query: computed(() => toValue(params)),
  })
}
