/** The shop's languages: English (the default, at `/…`) and French (at `/fr/…`). */
export const LOCALES = ['en', 'fr'] as const
export type ShopLocale = typeof LOCALES[number]
export const DEFAULT_LOCALE: ShopLocale = 'en'

/** Each language by its own name, as a language switch shows it. */
export const LANGUAGE_NAMES: Record<ShopLocale, string> = { en: 'English', fr: 'Français' }

/** The cookie that keeps a visitor's choice of language (read only by `/`, to send them to their language). */
export const LOCALE_COOKIE = 'comptoir_locale'

/** The cookie of the theme a visitor chose (`light` or `dark`; color-mode's storage, nuxt.config.ts). */
export const THEME_COOKIE = 'comptoir_theme'

/** Each language's BCP 47 tag for Intl: prices `€12.90` / `12,90 €`, dates `1 December 2026` / `1 décembre 2026`. */
const INTL_TAGS: Record<ShopLocale, string> = { en: 'en-IE', fr: 'fr-FR' }

export function isShopLocale(value: unknown): value is ShopLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

export function intlTag(locale: ShopLocale) {
  return INTL_TAGS[locale]
}

/** A percentage as the language writes it: `12.5%` in English, `12,5 %` in French. */
export function formatPercent(value: number, locale: ShopLocale = DEFAULT_LOCALE) {
  return new Intl.NumberFormat(intlTag(locale), { style: 'percent', maximumFractionDigits: 2 }).format(value / 100)
}

/**
 * The shop's language a browser prefers, from its `Accept-Language` header (`fr-CA,fr;q=0.9,en;q=0.8`):
 * the highest-weighted range naming one of ours (`*` names none), or undefined when none does.
 */
export function negotiateLocale(header: string | null | undefined): ShopLocale | undefined {
  if (!header) return undefined
  let best: { locale: ShopLocale, q: number } | undefined
  for (const part of header.slice(0, 500).split(',')) {
    const [range = '', ...params] = part.trim().split(';')
    const language = range.trim().toLowerCase().split('-')[0]
    const qParam = params.map(p => p.trim()).find(p => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (!isShopLocale(language) || !(q > 0) || q > 1) continue
    if (!best || q > best.q) best = { locale: language, q }
  }
  return best?.locale
}
