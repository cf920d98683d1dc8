import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { ProductUpdateInput } from '#shared/schemas/products'
import { updateProduct } from '../../services/products'

export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const input = await readValidatedBody(event, v.parser(ProductUpdateInput))
  const product = await updateProduct(useDb(), id, input, auditActor(event, admin))
  return { data: product }
})
