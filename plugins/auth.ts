import type { PageSessionJson } from '#shared/types/api'

/**
 * The current user is known before the first render: the server checked the session of
 * the page request and read the profile and the saved cart with it
 * (server/middleware/08.page-session.ts); the stores' state travels to the browser with
 * the page. Without it, the visitor is a guest.
 */
export default defineNuxtPlugin({
  name: 'auth',
  dependsOn: ['pinia'],
  setup() {
    if (!import.meta.server) return
    const session = useRequestEvent()?.context.pageSession as PageSessionJson | undefined
    if (!session) return
    useAuthStore().user = session.user
    useCartStore().adoptSaved(session.cart)
  },
})
