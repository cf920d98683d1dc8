import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { StockChangeInput } from '#shared/schemas/products'
import { changeStock } from '../../../services/products'

export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const input = await readValidatedBody(event, v.parser(StockChangeInput))
  const product = await changeStock(useDb(), id, input, auditActor(event, admin))
  return { data: product }
})
