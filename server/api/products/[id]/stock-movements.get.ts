import * as v from 'valibot'
import { IdParams, PaginationQuery } from '#shared/schemas/common'
import { stockHistory } from '../../../services/products'

export default defineEventHandler(async (event) => {
  requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const query = await getValidatedQuery(event, v.parser(v.object(PaginationQuery)))
  return stockHistory(useDb(), id, query)
})
