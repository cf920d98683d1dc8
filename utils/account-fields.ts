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

/** The account forms' fields (sign-in, registration, the account page), worded once. */
export const ACCOUNT_FIELDS = {
  email: { name: 'email', label: 'Email', type: 'email', autocomplete: 'email', required: true },
  username: { name: 'username', label: 'Username', help: '3 to 32 letters, digits, dots, dashes or underscores.', autocomplete: 'username', required: true },
  fullName: { name: 'full_name', label: 'Full name', autocomplete: 'name' },
  password: { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true },
  newPassword: { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', help: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`, required: true },
  currentPassword: { name: 'current_password', label: 'Current password', type: 'password', autocomplete: 'current-password', required: true },
} as const satisfies Record<string, TextFieldSpec>
