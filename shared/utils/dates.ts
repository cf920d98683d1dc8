import { DEFAULT_LOCALE, intlTag, type ShopLocale } from './locale.ts'

// Dates as the shop shows them, in UTC so that server and browser render the same text.

/** `1 December 2026`, `1 décembre 2026`. */
export function formatDate(iso: string, locale: ShopLocale = DEFAULT_LOCALE) {
  return new Date(iso).toLocaleDateString(intlTag(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
}

/** `1 Dec 2026, 14:05 UTC`, `1 déc. 2026, 14:05 UTC`. */
export function formatDateTime(iso: string, locale: ShopLocale = DEFAULT_LOCALE) {
  return new Date(iso).toLocaleString(intlTag(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC'
}

/** A span of seconds in words, to the largest whole unit: `7 days`, `30 minutes`, `45 secondes`. */
export function formatDuration(seconds: number, locale: ShopLocale = DEFAULT_LOCALE) {
  const [unit, size] = ([['day', 86_400], ['hour', 3600], ['minute', 60]] as const).find(([, size]) => seconds >= size && seconds % size === 0) ?? ['second', 1]
  return new Intl.NumberFormat(intlTag(locale), { style: 'unit', unit, unitDisplay: 'long' }).format(seconds / size)
}
