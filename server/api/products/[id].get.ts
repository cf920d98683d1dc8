import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { getProduct } from '../../services/products'

export default defineEventHandler(async (event) => {
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const product = event.context.user?.isAdmin ? await getProduct(useDb(), id, { admin: true }) : await cachedProduct(id)
  if (!product) throw apiError(404, 'Product not found')
  return { data: product }
})
