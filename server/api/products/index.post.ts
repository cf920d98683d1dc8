import * as v from 'valibot'
import { ProductCreateInput } from '#shared/schemas/products'
import { createProduct } from '../../services/products'

export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const input = await readValidatedBody(event, v.parser(ProductCreateInput))
  const product = await createProduct(useDb(), input, auditActor(event, admin))
  setResponseStatus(event, 201)
  return { data: product }
})
