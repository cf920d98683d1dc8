import type { FormError } from '@nuxt/ui'
import { nextTick, reactive, ref } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { clearToasts, mockApi, reply, shownToasts } from './helpers'

/** A profile form's state and a stand-in for UForm's `setErrors`. */
function profileForm(options?: { toast?: boolean }) {
  const state = reactive({ username: 'ada', full_name: 'Ada' })
  const setErrors = vi.fn<(errors: FormError[]) => void>()
  const form = ref({ setErrors })
  // As a component's setup calls it (Nuxt UI's toasts look for their provider).
  return { state, setErrors, ...useNuxtApp().vueApp.runWithContext(() => useApiForm(state, form, options)) }
}

function saveProfile(body: Record<string, unknown>) {
  return useNuxtApp().$api('/api/auth/profile', { method: 'PUT', body })
}

describe('useApiForm', () => {
  beforeEach(clearToasts)

  it('is pending while the request runs, and succeeds quietly', async () => {
    const { submit, pending, failure } = profileForm({ toast: true })
    const received = mockApi('/api/auth/profile', 'PUT', ({ body }) => ({ data: { ...body } }))

    expect(pending.value).toBe(false)
    const outcome = submit(() => saveProfile({ username: 'ada2' }))
    expect(pending.value).toBe(true)

    expect(await outcome).toEqual({ ok: true })
    expect(pending.value).toBe(false)
    expect(failure.value).toBe('')
    expect(received.map(request => request.body)).toEqual([{ username: 'ada2' }])
    expect(await shownToasts()).toEqual([])
  })

  it('puts the server\'s messages on the form\'s fields, and keeps them until the field is edited', async () => {
    const { submit, state, setErrors, validate, failure, pending } = profileForm({ toast: true })
    mockApi('/api/auth/profile', 'PUT', (_, event) => reply(event, 400, {
      error: 'Some fields are not valid',
      details: {
        username: ['This username is taken'],
        full_name: ['full_name is at most 100 characters', 'full_name must be text'],
        // A field this form does not have is nobody's to show.
        is_admin: ['is_admin cannot be set here'],
      },
    }))

    const outcome = await submit(() => saveProfile({ ...state }))

    const fields = [
      { name: 'username', message: 'This username is taken' },
      { name: 'full_name', message: 'full_name is at most 100 characters' },
      { name: 'full_name', message: 'full_name must be text' },
    ]
    expect(outcome).toEqual({ ok: false, status: 400, message: 'Some fields are not valid', fields })
    expect(pending.value).toBe(false)
    expect(failure.value).toBe('Some fields are not valid')
    expect(setErrors).toHaveBeenLastCalledWith(fields)
    expect(validate()).toEqual(fields)
    // The fields say what went wrong: no toast on top.
    expect(await shownToasts()).toEqual([])

    state.username = 'ada_lovelace'
    await nextTick()
    expect(validate()).toEqual(fields.filter(field => field.name !== 'username'))
  })

  it('toasts a failure that no field explains, when asked to', async () => {
    const { submit, failure, validate } = profileForm({ toast: true })
    mockApi('/api/auth/profile', 'PUT', (_, event) => reply(event, 409, { error: 'The profile changed meanwhile', details: { elsewhere: ['not on this form'] } }))

    const outcome = await submit(() => saveProfile({ username: 'ada' }))

    expect(outcome).toEqual({ ok: false, status: 409, message: 'The profile changed meanwhile', fields: [] })
    expect(failure.value).toBe('The profile changed meanwhile')
    expect(validate()).toEqual([])
    expect(await shownToasts()).toEqual([{ title: 'The profile changed meanwhile', color: 'error' }])
  })

  it('shows no toast without the option: the form shows `failure` itself', async () => {
    const { submit, failure } = profileForm()
    mockApi('/api/auth/profile', 'PUT', (_, event) => reply(event, 403, { error: 'Your account is disabled' }))

    await submit(() => saveProfile({ username: 'ada' }))

    expect(failure.value).toBe('Your account is disabled')
    expect(await shownToasts()).toEqual([])
  })

  it('says how long to wait when the server limits attempts', async () => {
    const { submit } = profileForm()
    mockApi('/api/auth/profile', 'PUT', (_, event) => reply(event, 429, { error: 'Too many requests' }, { 'retry-after': '30' }))

    expect(await submit(() => saveProfile({}))).toMatchObject({ ok: false, status: 429, message: 'Too many attempts. Please wait 30 seconds and try again.' })
  })

  it('tells an unreachable shop from a refused request, and a bug from both', async () => {
    const { submit, failure } = profileForm()
    mockApi('/api/auth/profile', 'PUT', (_, event) => reply(event, 502, '<html>Bad gateway</html>'))

    expect(await submit(() => saveProfile({}))).toMatchObject({ ok: false, status: 502, message: 'The shop could not be reached. Check your connection and try again.' })
    expect(await submit(() => Promise.reject(new TypeError('x is undefined')))).toEqual({ ok: false, status: undefined, message: 'Something went wrong. Please try again.', fields: [] })
    expect(failure.value).toBe('Something went wrong. Please try again.')
  })

  it('clears the last failure when the form is sent again', async () => {
    const { submit, failure } = profileForm()
    await submit(() => Promise.reject(new Error('offline')))
    expect(failure.value).not.toBe('')

    let seen: string | undefined
    await submit(async () => {
      seen = failure.value
    })
    expect(seen).toBe('')
    expect(failure.value).toBe('')
  })
})
