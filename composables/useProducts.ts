import type { Page } from '#shared/utils/pagination'
import type { ProductJson } from '#shared/types/api'

export interface ProductListParams {
  page?: number
  limit?: number
  sort_by?: 'created_at' | 'name' | 'price' | 'stock'
  order?: 'asc' | 'desc'
  keyword?: string
  min_price?: number
  max_price?: number
  in_stock_only?: boolean
}

/** A page of products from `GET /api/products`, fetched during SSR and reused on hydration. */
export function useProducts(params: MaybeRefOrGetter<ProductListParams>, key?: string) {
  return useApi<Page<ProductJson>>('/api/products', {
    key,
    query: computed(() => toValue(params)),
  })
}
