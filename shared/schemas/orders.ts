import * as v from 'valibot'
import { ORDER_STATUSES } from '../utils/order-status'
import { PAYMENT_METHODS } from '../utils/payments'
import { AddressInput } from './addresses'
import { DiscountCode, PaginationQuery } from './common'

export const OrderLineInput = v.object({
  product_id: v.pipe(v.string('product_id is required'), v.uuid('product_id must be a UUID')),
  quantity: v.pipe(v.number('quantity must be a number'), v.integer('quantity must be a whole number'), v.minValue(1, 'quantity must be at least 1'), v.maxValue(1000, 'quantity must be at most 1000')),
})

export const ShippingAddress = v.pipe(
  v.string('shipping_address is required'),
  v.trim(),
  v.minLength(10, 'shipping_address needs a name, a street, a postcode and a town'),
  v.maxLength(500, 'shipping_address is at most 500 characters'),
)

export const OrderCreateInput = v.pipe(v.object({
  items: v.pipe(
    v.array(OrderLineInput, 'items must be a list'),
    v.minLength(1, 'an order needs at least one item'),
    v.maxLength(50, 'an order has at most 50 lines'),
    v.check(items => new Set(items.map(item => item.product_id)).size === items.length, 'each product may appear only once'),
  ),
  /** The address as text (the contract's form); or `address`, structured; or `address_id`, one from the buyer's book. */
  shipping_address: v.optional(ShippingAddress),
  address: v.optional(AddressInput),
  address_id: v.optional(v.pipe(v.string('address_id must be a UUID'), v.uuid('address_id must be a UUID'))),
  /** Where the invoice goes, if not to the shipping address. */
  billing_address: v.optional(v.nullable(AddressInput)),
  /** Keep `address` in the buyer's address book. */
  save_address: v.optional(v.boolean('save_address must be true or false')),
  /** A discount code, taken off the goods before VAT. */
  discount_code: v.optional(DiscountCode),
  /** The delivery: required with a structured address when the shop offers any. */
  shipping_method_id: v.optional(v.pipe(v.string('shipping_method_id must be a UUID'), v.uuid('shipping_method_id must be a UUID'))),
  notes: v.optional(v.nullable(v.pipe(v.string('notes must be text'), v.trim(), v.maxLength(1000, 'notes are at most 1000 characters')))),
  /** Paid through the shop (the order awaits its payment); without one, paid outside it and confirmed by an admin. */
  payment_method: v.optional(v.picklist(PAYMENT_METHODS, `payment_method must be one of ${PAYMENT_METHODS.join(', ')}`)),
}), v.forward(
  v.check(input => [input.shipping_address, input.address, input.address_id].filter(value => value !== undefined).length === 1, 'give one of shipping_address (text), address (structured) or address_id (from your address book)'),
  ['shipping_address'],
))
export type OrderCreateInput = v.InferOutput<typeof OrderCreateInput>

export const OrderStatusInput = v.object({
  status: v.picklist(ORDER_STATUSES, `status must be one of ${ORDER_STATUSES.join(', ')}`),
})

export const OrderListQuery = v.object({
  ...PaginationQuery,
  status: v.optional(v.picklist(ORDER_STATUSES, `status must be one of ${ORDER_STATUSES.join(', ')}`)),
  user_id: v.optional(v.pipe(v.string(), v.uuid('user_id must be a UUID'))),
  /** Placed on or after this UTC day, and on or before that one (YYYY-MM-DD). */
  from: v.optional(v.pipe(v.string(), v.isoDate('from must be a date like 2026-11-25'))),
  to: v.optional(v.pipe(v.string(), v.isoDate('to must be a date like 2026-11-25'))),
})
export type OrderListQuery = v.InferOutput<typeof OrderListQuery>

/** An `Idempotency-Key` header: 1 to 255 visible ASCII characters. */
export const IdempotencyKey = v.optional(v.pipe(v.string(), v.regex(/^[\x21-\x7E]{1,255}$/, 'Idempotency-Key must be 1 to 255 visible ASCII characters')))
