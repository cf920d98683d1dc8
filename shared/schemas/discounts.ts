import * as v from 'valibot'
import { Amount, DiscountCode } from './common'
import { OrderLineInput } from './orders'

const Count = (name: string) => v.optional(v.nullable(v.pipe(v.number(`${name} must be a number`), v.integer(`${name} must be a whole number`), v.minValue(1, `${name} must be at least 1`), v.maxValue(1_000_000, `${name} is at most 1,000,000`))), null)
const Moment = (name: string) => v.optional(v.nullable(v.pipe(v.string(`${name} must be a date`), v.isoTimestamp(`${name} must be a date and time like 2026-12-24T00:00:00Z`))), null)

/** A new code: exactly one of `percent` (1 to 100, two decimals at most) and `amount` (euros, VAT included). */
export const DiscountCreateInput = v.pipe(
  v.object({
    code: DiscountCode,
    description: v.optional(v.pipe(v.string('description must be text'), v.trim(), v.maxLength(200, 'description is at most 200 characters')), ''),
    percent: v.optional(v.nullable(v.pipe(v.number('percent must be a number'), v.minValue(0.01, 'percent must be more than 0'), v.maxValue(100, 'percent is at most 100'), v.check(value => Number.isInteger(Math.round(value * 100)) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-9, 'percent has at most two decimals'))), null),
    amount: v.optional(v.nullable(Amount('amount')), null),
    min_order: v.optional(Amount('min_order'), 0),
    starts_at: Moment('starts_at'),
    ends_at: Moment('ends_at'),
    max_uses: Count('max_uses'),
    max_uses_per_customer: Count('max_uses_per_customer'),
    is_active: v.optional(v.boolean('is_active must be true or false'), true),
  }),
  v.forward(v.check(input => (input.percent === null) !== (input.amount === null), 'give either percent or amount'), ['percent']),
  v.forward(v.check(input => input.amount === null || input.amount > 0, 'amount must be more than 0'), ['amount']),
  v.forward(v.check(input => !input.starts_at || !input.ends_at || Date.parse(input.starts_at) < Date.parse(input.ends_at), 'ends_at must come after starts_at'), ['ends_at']),
)
export type DiscountCreateInput = v.InferOutput<typeof DiscountCreateInput>

/** Pause a code, or offer it again. */
export const DiscountUpdateInput = v.object({ is_active: v.boolean('is_active must be true or false') })

/** What checkout asks about a code before the order: its worth on this cart, for this customer. */
export const DiscountQuoteInput = v.object({
  discount_code: DiscountCode,
  items: v.pipe(v.array(OrderLineInput, 'items must be a list'), v.minLength(1, 'items must not be empty'), v.maxLength(50, 'at most 50 lines')),
})
