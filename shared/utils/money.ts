import { DEFAULT_LOCALE, LOCALES, intlTag, type ShopLocale } from './locale.ts'

/** Money is integer cents everywhere but at the edges: JSON carries amounts like 19.99. */
export function centsToAmount(cents: number): number {
  return cents / 100
}

/** An amount written as text (a query string, a CSV cell): up to 9,999,999.99, at most two decimals. */
const AMOUNT_TEXT = /^\d{1,7}(?:[.,]\d{1,2})?$/

/** The amount `text` writes, or undefined; a decimal comma (`12,90`) only where `decimalComma` allows it. */
export function parseAmount(text: string, { decimalComma = false } = {}): number | undefined {
  if (!AMOUNT_TEXT.test(text) || (!decimalComma && text.includes(','))) return undefined
  return Number(text.replace(',', '.'))
}

/** Exact for amounts with at most two decimals (validated before this is called). */
export function amountToCents(amount: number): number {
  return Math.round(amount * 100)
}

export const SHOP_CURRENCY = 'EUR'

const priceFormats = Object.fromEntries(LOCALES.map(locale => [locale, new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency: SHOP_CURRENCY })])) as Record<ShopLocale, Intl.NumberFormat>

/** `€12.90` in English, `12,90 €` in French. */
export function formatPrice(amount: number, locale: ShopLocale = DEFAULT_LOCALE): string {
  return priceFormats[locale].format(amount)
}
