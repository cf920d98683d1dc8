import { listAddresses } from '../../services/addresses'

/** The signed-in customer's address book, the default first. */
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  return { data: await listAddresses(useDb(), user.id) }
})
