import { DEFAULT_LOCALE, intlTag, type ShopLocale } from './locale.ts'

/**
 * The countries the shop delivers to, with the shape of their postcodes (what the national
 * post accepts; a postcode that passes may still not exist).
 */
export const COUNTRIES = {
  FR: { name: 'France', postcode: /^\d{5}$/, example: '75011' },
  BE: { name: 'Belgium', postcode: /^[1-9]\d{3}$/, example: '1000' },
  LU: { name: 'Luxembourg', postcode: /^(?:L-)?\d{4}$/, example: 'L-1140' },
  CH: { name: 'Switzerland', postcode: /^[1-9]\d{3}$/, example: '1201' },
  DE: { name: 'Germany', postcode: /^\d{5}$/, example: '10115' },
  NL: { name: 'Netherlands', postcode: /^[1-9]\d{3} ?[A-Z]{2}$/, example: '1012 AB' },
  ES: { name: 'Spain', postcode: /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/, example: '28013' },
  IT: { name: 'Italy', postcode: /^\d{5}$/, example: '00184' },
  // Outward code, a space (optional as typed), inward code: SW1A 1AA, M1 1AE, GIR 0AA.
  GB: { name: 'United Kingdom', postcode: /^(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/, example: 'SW1A 1AA' },
  US: { name: 'United States', postcode: /^\d{5}(?:-\d{4})?$/, example: '94103' },
} as const

export type CountryCode = keyof typeof COUNTRIES
export const COUNTRY_CODES = Object.keys(COUNTRIES) as CountryCode[]

/** A postcode as the post writes it: capitals, single spaces (and the space a UK or Dutch code needs). */
export function normalisePostcode(country: CountryCode, value: string) {
  const compact = value.trim().toUpperCase().replace(/\s+/g, ' ')
  if (country === 'GB') return compact.replace(/ /g, '').replace(/^(.+)(\d[A-Z]{2})$/, '$1 $2')
  if (country === 'NL') return compact.replace(/^(\d{4}) ?([A-Z]{2})$/, '$1 $2')
  return compact
}

export function isValidPostcode(country: string, postcode: string) {
  const known = COUNTRIES[country as CountryCode]
  return Boolean(known) && known.postcode.test(normalisePostcode(country as CountryCode, postcode))
}

export interface PostalAddress {
  full_name: string
  line1: string
  line2?: string | null
  postcode: string
  city: string
  country: CountryCode
  phone?: string | null
}

const regionNames = new Map<ShopLocale, Intl.DisplayNames>()

/** A country's name in a language (`Germany`, `Allemagne`), as Intl names it; the shop's English name where Intl has none. */
export function countryName(code: CountryCode, locale: ShopLocale = DEFAULT_LOCALE) {
  let names = regionNames.get(locale)
  if (!names) regionNames.set(locale, names = new Intl.DisplayNames([intlTag(locale)], { type: 'region' }))
  return names.of(code) ?? COUNTRIES[code].name
}

/** An address as a label would print it, one line per part (the order's `shipping_address` text), its country named in `locale`. */
export function formatAddress(address: PostalAddress, locale: ShopLocale = DEFAULT_LOCALE) {
  const town = address.country === 'GB' || address.country === 'US' ? `${address.city} ${address.postcode}` : `${address.postcode} ${address.city}`
  return [address.full_name, address.line1, address.line2, town, countryName(address.country, locale), address.phone].filter(Boolean).join('\n')
}

/** An address being typed into a form: what the address schemas take (shared/schemas/addresses.ts). */
export interface AddressDraft {
  full_name: string
  line1: string
  line2: string
  postcode: string
  city: string
  country: CountryCode
  phone: string
}

/** An empty address to type into, in `country`; or `from` one already known, to edit. */
export function addressDraft(from?: Partial<PostalAddress>, country: CountryCode = 'FR'): AddressDraft {
  return {
    full_name: from?.full_name ?? '',
    line1: from?.line1 ?? '',
    line2: from?.line2 ?? '',
    postcode: from?.postcode ?? '',
    city: from?.city ?? '',
    country: from?.country ?? country,
    phone: from?.phone ?? '',
  }
}

/** The countries as a select lists them, named in a language. */
export function countryOptions(locale: ShopLocale = DEFAULT_LOCALE) {
  return COUNTRY_CODES.map(code => ({ value: code, label: countryName(code, locale) }))
}
