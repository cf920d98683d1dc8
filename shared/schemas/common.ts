import * as v from 'valibot'
import { amountToCents, parseAmount } from '../utils/money'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../utils/pagination'

/** A query-string whole number (query values arrive as strings). */
const wholeNumber = (name: string) => v.pipe(
  v.string(),
  v.regex(/^\d{1,9}$/, `${name} must be a positive whole number`),
  v.transform(Number),
)

export const PaginationQuery = {
  page: v.optional(v.pipe(wholeNumber('page'), v.minValue(1, 'page starts at 1')), '1'),
  // A larger limit is clamped to the maximum rather than refused.
  limit: v.optional(v.pipe(wholeNumber('limit'), v.minValue(1, 'limit must be at least 1'), v.transform(n => Math.min(n, MAX_PAGE_SIZE))), String(DEFAULT_PAGE_SIZE)),
}

export const QueryBoolean = (name: string) => v.optional(v.pipe(
  v.picklist(['true', 'false', '1', '0'], `${name} must be true or false`),
  v.transform(value => value === 'true' || value === '1'),
), 'false')

/** A non-negative amount of money with at most two decimals, as a query string; yields cents. */
export const QueryAmount = (name: string) => v.optional(v.pipe(
  v.string(),
  v.check(value => parseAmount(value) !== undefined, `${name} must be an amount like 19.99`),
  v.transform(value => amountToCents(parseAmount(value)!)),
))

/** An optional yes/no filter (`?is_active=false`): absent means "either". */
export const QueryFilterFlag = (name: string) => v.optional(v.pipe(
  v.picklist(['true', 'false'], `${name} must be true or false`),
  v.transform(value => value === 'true'),
))

/** A search keyword: trimmed, at most 100 characters. */
export const Keyword = v.pipe(v.string('keyword must be text'), v.trim(), v.maxLength(100, 'keyword is at most 100 characters'))

/** A record's id in the URL (`/api/products/:id`): a UUID, or the record is not looked up at all. */
export const IdParams = v.object({ id: v.pipe(v.string(), v.uuid('id must be a UUID')) })

export const SortOrder = v.optional(v.picklist(['asc', 'desc'], 'order must be asc or desc'))

/** A JSON amount of money: non-negative, at most two decimals, below a million. */
export const Amount = (name: string) => v.pipe(
  v.number(`${name} must be a number`),
  v.minValue(0, `${name} must not be negative`),
  v.maxValue(999_999.99, `${name} must be below 1,000,000`),
  v.check(value => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, `${name} has at most two decimals`),
)

/** A JSON whole number within bounds. */
export const WholeNumber = (name: string, min: number, max: number) => v.pipe(
  v.number(`${name} must be a number`),
  v.integer(`${name} must be a whole number`),
  v.minValue(min, `${name} must be at least ${min}`),
  v.maxValue(max, `${name} must be at most ${max}`),
)

/** A discount code as typed: trimmed, compared in capitals; letters, digits, dashes and underscores. */
export const DiscountCode = v.pipe(
  v.string('the code must be text'),
  v.trim(),
  v.toUpperCase(),
  v.regex(/^[A-Z0-9_-]{3,32}$/, 'a code is 3 to 32 letters, digits, dashes or underscores'),
)
