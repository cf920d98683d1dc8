import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { startCardCheckout } from '../../../services/payments'

/** The owner of an order awaiting a card payment gets Stripe Checkout's page to pay it on. */
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const { checkoutUrl } = await startCardCheckout(useDb(), id, user, requestLocale(event))
  return { data: { checkout_url: checkoutUrl } }
})
