import type { RouterConfig } from 'nuxt/schema'
import type { RouteRecordRaw } from 'vue-router'

type Loader = () => Promise<unknown>

/** One loader per page for the server's whole life, by the loader Nuxt generated. */
const loaders = new WeakMap<Loader, Loader>()

/**
 * Loads a page's module once: each render makes a new router, which would otherwise call
 * `import()` for its page again, and Node resolves the specifier anew on every call (5 % of
 * a product page's CPU time in the bench's profile). A failed import is tried again.
 */
function loadOnce(loader: Loader): Loader {
  let once = loaders.get(loader)
  if (!once) {
    let loading: Promise<unknown> | undefined
    once = () => (loading ??= loader().catch((error: unknown) => {
      loading = undefined
      throw error
    }))
    loaders.set(loader, once)
  }
  return once
}

function withPagesLoadedOnce(route: RouteRecordRaw): RouteRecordRaw {
  return {
    ...route,
    // Nuxt's page routes name their component by a loader, `() => import(…)`.
    ...(typeof route.component === 'function' ? { component: loadOnce(route.component as Loader) } : {}),
    ...(route.children ? { children: route.children.map(withPagesLoadedOnce) } : {}),
  } as RouteRecordRaw
}

export default {
  // In the browser the router is made once and `import()` is cheap: only the server needs this.
  routes: routes => import.meta.server ? routes.map(withPagesLoadedOnce) : routes,
} satisfies RouterConfig
