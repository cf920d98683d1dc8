import type { ProductListParams } from '#shared/utils/product-filters'

/** A page of products from `GET /api/products`, fetched during SSR and reused on hydration. */
export function useProducts(params: MaybeRefOrGetter<ProductListParams>, key?: string) {
  return useApi('/api/products', {
    key,
    query: computed(() => toValue(params)),
  })
}
