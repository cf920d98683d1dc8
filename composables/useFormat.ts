/** The page's language as one of the shop's (the i18n module's locale). */
export function useShopLocale() {
  const { locale } = useI18n()
  return computed<ShopLocale>(() => isShopLocale(locale.value) ? locale.value : DEFAULT_LOCALE)
}

/** Prices, dates, durations and percentages in the page's language: `€12.90` / `12,90 €`, `1 December 2026` / `1 décembre 2026`. */
export function useFormat() {
  const locale = useShopLocale()
  return {
    price: (amount: number) => formatPrice(amount, locale.value),
    date: (iso: string) => formatDate(iso, locale.value),
    dateTime: (iso: string) => formatDateTime(iso, locale.value),
    duration: (seconds: number) => formatDuration(seconds, locale.value),
    percent: (value: number) => formatPercent(value, locale.value),
  }
}
