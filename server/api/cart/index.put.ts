import * as v from 'valibot'
import { CartInput } from '#shared/schemas/cart'
import { saveCart } from '../../services/cart'

export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { items } = await readValidatedBody(event, v.parser(CartInput))
  return { data: await saveCart(useDb(), user.id, items) }
})
