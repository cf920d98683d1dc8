import * as v from 'valibot'
import { COUNTRIES, COUNTRY_CODES, isValidPostcode, normalisePostcode } from '../utils/addresses'

const text = (name: string, max: number) => v.pipe(v.string(`${name} is required`), v.trim(), v.minLength(1, `${name} is required`), v.maxLength(max, `${name} is at most ${max} characters`))

const ADDRESS_FIELDS = {
  full_name: text('full_name', 100),
  line1: text('line1', 120),
  line2: v.optional(v.nullable(v.pipe(v.string('line2 must be text'), v.trim(), v.maxLength(120, 'line2 is at most 120 characters')))),
  postcode: text('postcode', 12),
  city: text('city', 80),
  country: v.picklist(COUNTRY_CODES, `country must be one of ${COUNTRY_CODES.join(', ')}`),
  phone: v.optional(v.nullable(v.pipe(v.string('phone must be text'), v.trim(), v.regex(/^$|^\+?[\d ().-]{6,20}$/, 'phone must be a phone number like +33 6 12 34 56 78')))),
}

type AddressFields = v.InferOutput<v.ObjectSchema<typeof ADDRESS_FIELDS, undefined>>

const postcodeFits = (address: AddressFields) => isValidPostcode(address.country, address.postcode)
const postcodeShape = (address: AddressFields) => `postcode must look like ${COUNTRIES[address.country].example} in ${COUNTRIES[address.country].name}`
/** The postcode written the post's way, empty optional parts as null. */
const tidy = <T extends AddressFields>(address: T) => ({
  ...address,
  postcode: normalisePostcode(address.country, address.postcode),
  line2: address.line2 || null,
  phone: address.phone || null,
})

/** A postal address, as checkout takes it: the postcode checked against its country's shape (the message says which). */
export const AddressInput = v.pipe(
  v.object(ADDRESS_FIELDS),
  v.forward(v.check(address => postcodeFits(address), issue => postcodeShape(issue.input)), ['postcode']),
  v.transform(tidy),
)
export type AddressInput = v.InferOutput<typeof AddressInput>

/** An address-book entry: an address, and whether it is the one checkout starts with. */
export const SavedAddressInput = v.pipe(
  v.object({ ...ADDRESS_FIELDS, is_default: v.optional(v.boolean('is_default must be true or false'), false) }),
  v.forward(v.check(address => postcodeFits(address), issue => postcodeShape(issue.input)), ['postcode']),
  v.transform(tidy),
)
export type SavedAddressInput = v.InferOutput<typeof SavedAddressInput>
