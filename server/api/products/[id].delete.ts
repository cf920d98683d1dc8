import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { deleteProduct } from '../../services/products'

export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  await deleteProduct(useDb(), useStorage(IMAGE_STORAGE), id, auditActor(event, admin))
  return { message: 'Product deleted' }
})
