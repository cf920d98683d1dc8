import { mountSuspended } from '@nuxt/test-utils/runtime'
import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import PasswordForm from '~/components/account/PasswordForm.vue'
import { clearToasts, fieldError, mockApi, reply, shownToasts, type, user } from './helpers'

async function mountForm() {
  useAuthStore().user = user()
  const wrapper = await mountSuspended(PasswordForm)
  const current = wrapper.get('input[autocomplete="current-password"]')
  const next = wrapper.get('input[autocomplete="new-password"]')
  /** Fills the fields and presses "Change password". */
  async function send(currentPassword: string, newPassword: string) {
    await type(current, currentPassword)
    await type(next, newPassword)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
  }
  return { wrapper, current, next, send }
}

describe('PasswordForm', () => {
  beforeEach(clearToasts)

  it('explains what is wrong before sending anything', async () => {
    const received = mockApi('/api/auth/profile', 'PUT')
    const { wrapper, send } = await mountForm()

    await send('', 'short')

    await vi.waitFor(() => expect(fieldError(wrapper, 'New password')).toBe('password must be at least 8 characters'))
    expect(fieldError(wrapper, 'Current password')).toBe('current_password is required')
    expect(received).toHaveLength(0)
  })

  it('sends both passwords, then empties the fields and says it is done', async () => {
    const received = mockApi('/api/auth/profile', 'PUT', () => ({ data: user() }))
    const { current, next, send } = await mountForm()

    await send('old secret', 'a much better one')

    await vi.waitFor(() => expect(received).toHaveLength(1))
    expect(received[0]?.body).toEqual({ current_password: 'old secret', password: 'a much better one' })
    await vi.waitFor(() => expect((current.element as HTMLInputElement).value).toBe(''))
    expect((next.element as HTMLInputElement).value).toBe('')
    expect(await shownToasts()).toEqual([{ title: 'Password changed', description: 'Your other sessions have been signed out.', color: 'success' }])
  })

  it('shows the server\'s answer under its field, until the field is edited', async () => {
    mockApi('/api/auth/profile', 'PUT', (_, event) => reply(event, 400, { error: 'The current password is wrong', details: { current_password: ['The current password is wrong'] } }))
    const { wrapper, current, next, send } = await mountForm()

    await send('not it', 'a much better one')

    await vi.waitFor(() => expect(fieldError(wrapper, 'Current password')).toBe('The current password is wrong'))
    // The field says it: no toast on top, and what was typed stays.
    expect(await shownToasts()).toEqual([])
    expect((next.element as HTMLInputElement).value).toBe('a much better one')

    await type(current, 'the right one')
    await vi.waitFor(() => expect(fieldError(wrapper, 'Current password')).toBe(''))
  })

  it('toasts a failure no field explains', async () => {
    mockApi('/api/auth/profile', 'PUT', (_, event) => reply(event, 429, { error: 'Too many requests' }, { 'retry-after': '12' }))
    const { wrapper, send } = await mountForm()

    await send('old secret', 'a much better one')

    await vi.waitFor(async () => expect(await shownToasts()).toEqual([{ title: 'Too many attempts. Please wait 12 seconds and try again.', color: 'error' }]))
    expect(fieldError(wrapper, 'Current password')).toBe('')
  })
})
