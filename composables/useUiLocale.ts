import { en, fr } from '@nuxt/ui/locale'

const UI_LOCALES = { en, fr }

/** Nuxt UI's own words (a modal's close button, a menu's toggle) in the page's language, for `<UApp :locale>`. */
export function useUiLocale() {
  const locale = useShopLocale()
  return computed(() => UI_LOCALES[locale.value])
}
