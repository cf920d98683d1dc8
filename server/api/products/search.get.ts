import * as v from 'valibot'
import { ProductSearchQuery } from '#shared/schemas/products'
import { listProducts } from '../../services/products'

export default defineEventHandler(async (event) => {
  const query = await getValidatedQuery(event, v.parser(ProductSearchQuery))
  if (event.context.user?.isAdmin) return listProducts(useDb(), query, { admin: true })
  return cachedProductList({ ...query, include_inactive: false, is_active: undefined })
})
