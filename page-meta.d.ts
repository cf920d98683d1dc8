declare module '#app' {
  interface PageMeta {
    /**
     * A storefront page on plain elements: rendered without Nuxt UI's app wrapper (toasts,
     * tooltips, overlays), which layouts/default.vue loads for every other page.
     */
    storefront?: boolean
  }
}

export {}
