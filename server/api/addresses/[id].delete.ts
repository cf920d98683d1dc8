import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { deleteAddress } from '../../services/addresses'

export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  await deleteAddress(useDb(), user.id, id)
  return { message: 'Address deleted' }
})
