import * as v from 'valibot'
import { LowStockQuery } from '#shared/schemas/products'
import { lowStock } from '../../services/products'

export default defineEventHandler(async (event) => {
  requireAdmin(event)
  const query = await getValidatedQuery(event, v.parser(LowStockQuery))
  return lowStock(useDb(), query)
})
