import { filtersFromQuery, queryFromFilters } from '#shared/utils/product-filters'
import type { UrlQuery } from '#shared/utils/product-filters'

/** Catalog pages past this one are rendered for whoever asks, but not kept: nobody may push the popular pages out by counting upwards. */
const LAST_KEPT_PAGE = 100

/**
 * The page's address as the page itself reads it: the catalog's known filters, in a fixed
 * order, without their defaults; anything else in the query changes nothing on the page, so
 * `?utm_source=…` or `?x=1`, `?x=2`… share one entry. Searches and price ranges (free-form,
 * each rarely asked twice) are not kept; undefined means "do not keep".
 */
export function pageCachePath(path: string, query: UrlQuery): string | undefined {
  if (path !== '/products') return path
  const filters = filtersFromQuery(query)
  if (filters.keyword !== undefined || filters.min_price !== undefined || filters.max_price !== undefined || (filters.page ?? 1) > LAST_KEPT_PAGE) return undefined
  // The default sort (newest first) reads the same however it is spelled.
  if (filters.sort_by === 'created_at' && filters.order !== 'asc') delete filters.sort_by
  if (filters.sort_by === undefined && filters.order === 'desc') delete filters.order
  const search = new URLSearchParams(queryFromFilters(filters)).toString()
  return search ? `${path}?${search}` : path
}
