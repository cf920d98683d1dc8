import type { FormError } from '@nuxt/ui'
import { FetchError } from 'ofetch'

/** A nested field's top-level name: `address.postcode` belongs to `address`. */
const topField = (name: string | undefined) => name?.split('.')[0] ?? ''

export type ApiOutcome = { ok: true } | { ok: false, status?: number, message: string, fields: FormError[] }

/**
 * A form that sends to the API: `pending` while it does, `failure` (the server's message)
 * when it failed, and the server's answers about this form's fields (e.g. "This username
 * is taken", or about a nested one: "address.postcode") kept until their field is edited. Hand `validate` to UForm: the server's answers then survive
 * its own re-validation, which would otherwise wipe errors set from outside. With `toast`,
 * a failure that no field explains is also shown as a toast (for forms without an alert).
 */
export function useApiForm(state: Record<string, unknown>, form: Readonly<Ref<{ setErrors: (errors: FormError[]) => void } | null>>, { toast = false } = {}) {
  const toaster = toast ? useToast() : undefined
  const fieldErrors = ref<FormError[]>([])
  for (const name of Object.keys(state)) {
    watch(() => state[name], () => {
      fieldErrors.value = fieldErrors.value.filter(error => topField(error.name) !== name)
    }, { deep: true })
  }
  const pending = ref(false)
  const failure = ref('')

  /** Runs the form's request; on failure shows what the server said, and tells the caller. */
  async function submit(work: () => Promise<unknown>): Promise<ApiOutcome> {
    failure.value = ''
    pending.value = true
    try {
      await work()
      return { ok: true }
    }
    catch (error) {
      const { message, fields } = describeApiError(error)
      failure.value = message
      fieldErrors.value = fields.filter(field => field.name !== undefined && topField(field.name) in state)
      form.value?.setErrors(fieldErrors.value)
      if (fieldErrors.value.length === 0) toaster?.add({ title: message, color: 'error' })
      return { ok: false, status: error instanceof FetchError ? error.statusCode : undefined, message, fields: fieldErrors.value }
    }
    finally {
      pending.value = false
    }
  }

  return { submit, pending, failure, validate: () => fieldErrors.value }
}
