/**
 * Admin pages: guests sign in first; customers get the same 404 as for a page that does
 * not exist, rendered on the server, so not even the page's markup reaches them.
 */
export default defineNuxtRouteMiddleware((to) => {
  // Hydrating the 404 the server already rendered: raising it again would only log it twice.
  if (import.meta.client && useNuxtApp().isHydrating && useError().value) return
  const auth = useAuthStore()
  if (!auth.isAuthenticated) return navigateTo({ path: useLocalePath()('/login'), query: { redirect: to.fullPath } })
  if (!auth.isAdmin) return abortNavigation(createError({ statusCode: 404, statusMessage: 'Page not found', fatal: true }))
})
