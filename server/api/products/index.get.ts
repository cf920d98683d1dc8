import * as v from 'valibot'
import { ProductListQuery } from '#shared/schemas/products'
import { listProducts } from '../../services/products'

export default defineEventHandler(async (event) => {
  const query = await getValidatedQuery(event, v.parser(ProductListQuery))
  return listProducts(useDb(), query, { admin: event.context.user?.isAdmin === true })
})
