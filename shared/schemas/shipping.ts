import * as v from 'valibot'
import { COUNTRY_CODES } from '../utils/addresses'
import { Amount, DiscountCode } from './common'

const Grams = v.pipe(v.number('up_to_grams must be a number of grams'), v.integer('up_to_grams must be whole grams'), v.minValue(1, 'up_to_grams must be at least 1'), v.maxValue(1_000_000, 'up_to_grams is at most 1,000,000'))

/** A rate as the admin writes it: a weight limit (null: any weight) and a price in euros, VAT included. */
const RateInput = v.object({
  up_to_grams: v.nullable(Grams),
  price: Amount('price'),
})

const methodFields = {
  name: v.pipe(v.string('name is required'), v.trim(), v.minLength(1, 'name is required'), v.maxLength(80, 'name is at most 80 characters')),
  description: v.optional(v.pipe(v.string('description must be text'), v.trim(), v.maxLength(300, 'description is at most 300 characters')), ''),
  countries: v.pipe(
    v.array(v.picklist(COUNTRY_CODES, `each country must be one of ${COUNTRY_CODES.join(', ')}`), 'countries must be a list'),
    v.minLength(1, 'a method serves at least one country'),
    v.transform(list => [...new Set(list)]),
  ),
  rates: v.pipe(
    v.array(RateInput, 'rates must be a list'),
    v.minLength(1, 'a method needs at least one rate'),
    v.maxLength(20, 'a method has at most 20 rates'),
    v.check(rates => rates.filter(rate => rate.up_to_grams === null).length <= 1, 'only one rate may have no weight limit'),
    v.check(rates => new Set(rates.map(rate => rate.up_to_grams)).size === rates.length, 'two rates have the same weight limit'),
  ),
  free_over: v.optional(v.nullable(Amount('free_over')), null),
  is_active: v.optional(v.boolean('is_active must be true or false'), true),
  position: v.optional(v.pipe(v.number('position must be a number'), v.integer('position must be a whole number'), v.minValue(0), v.maxValue(1000)), 0),
}

export const ShippingMethodInput = v.object(methodFields)
export type ShippingMethodInput = v.InferOutput<typeof ShippingMethodInput>

/** What checkout asks the delivery options for: the cart's lines and the country. */
export const ShippingQuoteInput = v.object({
  items: v.pipe(
    v.array(v.object({
      product_id: v.pipe(v.string('product_id is required'), v.uuid('product_id must be a UUID')),
      quantity: v.pipe(v.number('quantity must be a number'), v.integer('quantity must be a whole number'), v.minValue(1, 'quantity must be at least 1'), v.maxValue(1000, 'quantity must be at most 1000')),
    }), 'items must be a list'),
    v.minLength(1, 'items must not be empty'),
    v.maxLength(50, 'at most 50 lines'),
  ),
  country: v.picklist(COUNTRY_CODES, `country must be one of ${COUNTRY_CODES.join(', ')}`),
  /** A code the customer applied: free-delivery thresholds look at the goods after it. */
  discount_code: v.optional(DiscountCode),
})
export type ShippingQuoteInput = v.InferOutput<typeof ShippingQuoteInput>
