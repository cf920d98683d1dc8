/** Pages for signed-in customers: others sign in first and come back. */
export default defineNuxtRouteMiddleware((to) => {
  if (!useAuthStore().isAuthenticated) {
    return navigateTo({ path: useLocalePath()('/login'), query: { redirect: to.fullPath } })
  }
})
