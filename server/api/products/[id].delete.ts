import * as v from 'valibot'
import { IdParams } from '#shared/schemas/auth'
import { deleteProduct } from '../../services/products'

export default defineEventHandler(async (event) => {
  const actor = actorOf(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  await deleteProduct(useDb(), useStorage(IMAGE_STORAGE), id, actor)
  invalidateCatalog([id])
  return { message: 'Product deleted' }
})
