/**
 * The theme a visitor chose (light or dark, kept by color-mode in the THEME_COOKIE
 * cookie) is in the page the server sends, so it is painted at once; without a choice the
 * browser's preference applies, set by color-mode's inline script before the first paint.
 */
export default defineNuxtPlugin(() => {
  const theme = useCookie(THEME_COOKIE).value
  if (theme === 'light' || theme === 'dark') useHead({ htmlAttrs: { class: theme } })
})
