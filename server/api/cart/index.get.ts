import { loadCart } from '../../services/cart'

export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  return { data: await loadCart(useDb(), user.id) }
})
