import * as v from 'valibot'
import { queryValue } from '#shared/utils/product-filters'

type ListQuerySchema = v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined>

/**
 * A list page's query for its API, read from the page's URL with the API's own schema:
 * each parameter the schema knows is kept, as the URL spells it, if the API would accept
 * it; anything malformed or unknown is dropped, never sent on (`?page=abc` is page 1).
 * `fixed` adds what the page always asks (its page size, say).
 */
export function useListQuery(schema: ListQuerySchema, fixed: Record<string, string> = {}) {
  const route = useRoute()
  const query = computed(() => {
    const kept: Record<string, string> = {}
    for (const [key, entry] of Object.entries(schema.entries)) {
      const value = queryValue(route.query[key])
      if (value !== undefined && v.is(entry, value)) kept[key] = value
    }
    return { ...kept, ...fixed }
  })
  return { query }
}
