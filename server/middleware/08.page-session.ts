import { loadCart } from '../services/cart'

/**
 * A signed-in page's render starts with what its header, account menu and cart badge
 * need: the profile (read with the session check, 06.auth) and the saved cart, instead of
 * two API calls from the render (plugins/auth.ts takes them from here).
 */
export default defineEventHandler(async (event) => {
  const { profile } = event.context
  if (!profile) return
  event.context.pageSession = { user: profile, cart: await loadCart(useDb(), profile.id) }
})
