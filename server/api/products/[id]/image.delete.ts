import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { removeProductImage } from '../../../services/product-images'

export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const product = await removeProductImage(useDb(), useStorage(IMAGE_STORAGE), id, auditActor(event, admin))
  return { data: product }
})
