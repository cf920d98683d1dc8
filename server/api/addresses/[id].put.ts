import * as v from 'valibot'
import { SavedAddressInput } from '#shared/schemas/addresses'
import { IdParams } from '#shared/schemas/common'
import { updateAddress } from '../../services/addresses'

export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const input = await readValidatedBody(event, v.parser(SavedAddressInput))
  return { data: await updateAddress(useDb(), user.id, id, input) }
})
