import type { UserJson } from '#shared/types/api'
import type { LoginInput, RegisterInput } from '#shared/schemas/auth'
import type { ProfileUpdateInput } from '#shared/schemas/users'

/** Who is signed in. The session itself lives in HttpOnly cookies: nothing secret is kept here. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<UserJson | null>(null)
  const isAuthenticated = computed(() => user.value !== null)
  const isAdmin = computed(() => user.value?.is_admin === true)
  const { $api } = useNuxtApp()

  async function login(input: LoginInput) {
    user.value = (await $api('/api/auth/login', { method: 'POST', body: input })).data.user
    await useCartStore().mergeIntoAccount()
  }

  async function register(input: RegisterInput) {
    user.value = (await $api('/api/auth/register', { method: 'POST', body: input })).data.user
    await useCartStore().mergeIntoAccount()
  }

  async function updateProfile(input: ProfileUpdateInput) {
    user.value = (await $api('/api/auth/profile', { method: 'PUT', body: input })).data
  }

  async function logout({ everywhere = false } = {}) {
    try {
      await $api(everywhere ? '/api/auth/logout-all' : '/api/auth/logout', { method: 'POST' })
    }
    finally {
      user.value = null
      useCartStore().forget()
    }
  }

  return { user, isAuthenticated, isAdmin, login, register, updateProfile, logout }
})
