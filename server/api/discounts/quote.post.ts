import * as v from 'valibot'
import { DiscountQuoteInput } from '#shared/schemas/discounts'
import { quoteDiscount } from '../../services/discounts'

/**
 * What a code takes off this cart, or why it cannot (400/409 under `discount_code`): for
 * anyone (the cart page), and with the signed-in customer's own uses counted.
 */
export default defineEventHandler(async (event) => {
  const input = await readValidatedBody(event, v.parser(DiscountQuoteInput))
  return { data: await quoteDiscount(useDb(), event.context.user?.id, input) }
})
