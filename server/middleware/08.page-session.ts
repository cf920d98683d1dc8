import { loadCart } from '../services/cart'
import { findUser, toUserJson } from '../services/users'

/**
 * A signed-in page's render starts with what its header, account menu and cart badge
 * need: the profile and the saved cart, read together right after the session check,
 * instead of two API calls from the render (plugins/auth.ts takes them from here).
 */
export default defineEventHandler(async (event) => {
  const session = event.context.user
  if (!session || !event.context.renderId) return
  const [user, cart] = await Promise.all([findUser(useDb(), session.id), loadCart(useDb(), session.id)])
  if (user) event.context.pageSession = { user: toUserJson(user), cart }
})
