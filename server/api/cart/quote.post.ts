import * as v from 'valibot'
import { CartInput } from '#shared/schemas/cart'
import { quoteCart } from '../../services/cart'

/** Anyone's cart (a guest's lives in a cookie) with live prices and stock. */
export default defineEventHandler(async (event) => {
  const { items } = await readValidatedBody(event, v.parser(CartInput))
  return { data: await quoteCart(useDb(), items) }
})
