/**
 * Admin pages: guests sign in first; customers get the same 404 as for a page that does
 * not exist, rendered on the server, so not even the page's markup reaches them.
 */
export default defineNuxtRouteMiddleware((to) => {
  const auth = useAuthStore()
  if (!auth.isAuthenticated) return navigateTo({ path: '/login', query: { redirect: to.fullPath } })
  if (!auth.isAdmin) return abortNavigation(createError({ statusCode: 404, statusMessage: 'Page not found', fatal: true }))
})
