import * as v from 'valibot'
import { BestSellersQuery } from '#shared/schemas/products'

export default defineEventHandler(async (event) => {
  const { limit } = await getValidatedQuery(event, v.parser(BestSellersQuery))
  return { data: await cachedBestSellers(limit) }
})
