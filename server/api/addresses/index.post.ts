import * as v from 'valibot'
import { SavedAddressInput } from '#shared/schemas/addresses'
import { saveAddress } from '../../services/addresses'

export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const input = await readValidatedBody(event, v.parser(SavedAddressInput))
  setResponseStatus(event, 201)
  return { data: await saveAddress(useDb(), user.id, input) }
})
