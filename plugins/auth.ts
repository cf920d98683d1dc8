/**
 * The current user is known before the first render: during SSR the profile is fetched
 * with the request's cookies (renewing the session if needed), and the store's state
 * travels to the browser with the page.
 */
export default defineNuxtPlugin({
  name: 'auth',
  dependsOn: ['pinia'],
  async setup() {
    if (!import.meta.server) return
    const names = authCookieNames(!import.meta.dev)
    const present = (name: string) => Boolean(useCookie(name, { readonly: true }).value)
    if (!present(names.access) && !present(names.session)) return
    const auth = useAuthStore()
    const cart = useCartStore()
    await auth.fetchUser()
    if (auth.isAuthenticated) await cart.loadFromAccount()
  },
})
