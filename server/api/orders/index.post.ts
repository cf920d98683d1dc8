import * as v from 'valibot'
import { IdempotencyKey, OrderCreateInput } from '#shared/schemas/orders'
import { createOrder } from '../../services/orders'

export default defineEventHandler(async (event) => {
  const session = requireUser(event)
  const input = await readValidatedBody(event, v.parser(OrderCreateInput))
  const key = v.safeParse(IdempotencyKey, getRequestHeader(event, 'idempotency-key'))
  if (!key.success) throw apiError(400, 'Invalid Idempotency-Key header', { details: { 'Idempotency-Key': key.issues.map(issue => issue.message) } })
  const { order, replayed } = await createOrder(useDb(), session, input, key.output)
  if (replayed) setResponseHeader(event, 'Idempotent-Replayed', 'true')
  setResponseStatus(event, 201)
  return { data: order }
})
