import * as v from 'valibot'
import { ProductCreateInput } from '#shared/schemas/products'
import { createProduct } from '../../services/products'

export default defineEventHandler(async (event) => {
  const actor = actorOf(event)
  const input = await readValidatedBody(event, v.parser(ProductCreateInput))
  const product = await createProduct(useDb(), input, actor)
  invalidateCatalog([product.id])
  setResponseStatus(event, 201)
  return { data: product }
})
