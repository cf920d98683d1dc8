/** Sign-in and registration: someone already signed in goes where they were heading. */
export default defineNuxtRouteMiddleware((to) => {
  if (useAuthStore().isAuthenticated) return navigateTo(safeRedirect(to.query.redirect, useLocalePath()('/')))
})
