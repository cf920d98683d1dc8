/**
 * Class lists for the storefront's plain elements. The storefront renders on every visit,
 * so its hot paths (header, cards, product page, catalog) use plain elements styled like
 * Nuxt UI's (same design tokens) rather than Nuxt UI's components, whose props forwarding
 * and class merging cost most of a render; forms, overlays and the admin keep Nuxt UI.
 */
const FOCUS = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary'
const BUTTON = `inline-flex items-center justify-center gap-1.5 rounded-md font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-75 ${FOCUS}`

export const buttonClass = {
  primary: `${BUTTON} gap-2 px-3 py-2 text-sm bg-primary text-inverted hover:bg-primary/75`,
  primaryLarge: `${BUTTON} gap-2 px-3 py-2.5 text-base bg-primary text-inverted hover:bg-primary/75`,
  outline: `${BUTTON} px-2.5 py-1.5 text-sm ring ring-inset ring-accented text-default hover:bg-elevated`,
  ghost: `${BUTTON} px-2.5 py-1.5 text-sm text-default hover:bg-elevated`,
  icon: `${BUTTON} p-1.5 text-default hover:bg-elevated`,
}

export const linkClass = `text-primary underline-offset-4 hover:underline ${FOCUS} rounded-sm`

export const inputClass = 'w-full rounded-md border-0 bg-default px-2.5 py-1.5 text-sm text-highlighted ring ring-inset ring-accented placeholder:text-dimmed focus-visible:ring-2 focus-visible:ring-primary focus:outline-none'

export const containerClass = 'mx-auto w-full max-w-(--ui-container) px-4 sm:px-6 lg:px-8'

/** Badge text a shade darker than the accent (800): small text on a tinted ground needs it for 4.5:1. */
export const badgeClass = {
  success: 'inline-flex items-center rounded-md px-2 py-1 text-xs font-medium bg-success/10 text-(--ui-color-success-800) ring ring-inset ring-success/25 dark:text-(--ui-color-success-200)',
  warning: 'inline-flex items-center rounded-md px-2 py-1 text-xs font-medium bg-warning/10 text-(--ui-color-warning-800) ring ring-inset ring-warning/25 dark:text-(--ui-color-warning-200)',
  error: 'inline-flex items-center rounded-md px-2 py-1 text-xs font-medium bg-error/10 text-(--ui-color-error-800) ring ring-inset ring-error/25 dark:text-(--ui-color-error-200)',
}
