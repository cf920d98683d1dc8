import type { FormError } from '@nuxt/ui'

/**
 * The server's per-field answers (e.g. "This username is taken"), kept until the field
 * is edited. Handed to UForm's `validate`, they survive its own re-validation, which
 * would otherwise wipe errors set from outside.
 */
export function useServerFieldErrors(state: Record<string, unknown>, form: Readonly<Ref<{ setErrors: (errors: FormError[]) => void } | null>>) {
  const errors = ref<FormError[]>([])
  for (const name of Object.keys(state)) {
    watch(() => state[name], () => {
      errors.value = errors.value.filter(error => error.name !== name)
    })
  }
  return {
    validate: () => errors.value,
    /** Shows them at once, and keeps them through later validations. */
    set: (fields: FormError[]) => {
      errors.value = fields
      form.value?.setErrors(fields)
    },
  }
}
