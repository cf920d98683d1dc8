import * as v from 'valibot'

export const CartLineInput = v.object({
  product_id: v.pipe(v.string('product_id is required'), v.uuid('product_id must be a UUID')),
  quantity: v.pipe(v.number('quantity must be a number'), v.integer('quantity must be a whole number'), v.minValue(1, 'quantity must be at least 1'), v.maxValue(1000, 'quantity must be at most 1000')),
  /** The price the shopper saw when adding the line, to flag a change since. */
  price: v.optional(v.pipe(v.number(), v.minValue(0))),
})

export const CartInput = v.object({
  items: v.pipe(
    v.array(CartLineInput, 'items must be a list'),
    v.maxLength(50, 'a cart has at most 50 lines'),
    v.check(items => new Set(items.map(item => item.product_id)).size === items.length, 'each product may appear only once'),
  ),
})
export type CartInput = v.InferOutput<typeof CartInput>
