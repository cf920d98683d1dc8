import * as v from 'valibot'
import { ShippingQuoteInput } from '#shared/schemas/shipping'
import { quoteShipping } from '../../services/shipping'

/** The deliveries a cart can have to a country, each at its price for that cart (weights and prices from the catalog). */
export default defineEventHandler(async (event) => {
  const input = await readValidatedBody(event, v.parser(ShippingQuoteInput))
  return { data: await quoteShipping(useDb(), input) }
})
