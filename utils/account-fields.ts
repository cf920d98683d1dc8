import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '#shared/schemas/account-fields'

/** A text field of a form, as `AppTextField` takes it; `name` is the schema's and the state's key. */
export interface TextFieldSpec<Name extends string = string> {
  name: Name
  label: string
  type?: string
  autocomplete?: string
  help?: string
  required?: boolean
}

/** What the account forms' fields are, but for their words (`account.fields.*`). */
const FIELD_SPECS = {
  email: { name: 'email', type: 'email', autocomplete: 'email', required: true },
  username: { name: 'username', autocomplete: 'username', required: true },
  fullName: { name: 'full_name', autocomplete: 'name' },
  password: { name: 'password', type: 'password', autocomplete: 'current-password', required: true },
  newPassword: { name: 'password', type: 'password', autocomplete: 'new-password', required: true },
  currentPassword: { name: 'current_password', type: 'password', autocomplete: 'current-password', required: true },
} as const

/** The account forms' fields (sign-in, registration, the account page), worded once, in the page's language. */
export function useAccountFields() {
  const { t } = useI18n()
  return computed(() => ({
    email: { ...FIELD_SPECS.email, label: t('account.fields.email') },
    username: { ...FIELD_SPECS.username, label: t('account.fields.username'), help: t('account.fields.usernameHelp') },
    fullName: { ...FIELD_SPECS.fullName, label: t('account.fields.fullName') },
    password: { ...FIELD_SPECS.password, label: t('account.fields.password') },
    newPassword: { ...FIELD_SPECS.newPassword, label: t('account.fields.password'), help: t('account.fields.passwordHelp', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }) },
    currentPassword: { ...FIELD_SPECS.currentPassword, label: t('account.fields.currentPassword') },
  }) satisfies Record<keyof typeof FIELD_SPECS, TextFieldSpec>)
}
