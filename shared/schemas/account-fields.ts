import * as v from 'valibot'

// An account's fields, and the input of `npm run create-admin`: this module imports nothing
// of the project, so that the CLI scripts run it with Node's type stripping, unbundled.

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 128

/** E-mails are compared without case: they are stored lower-cased. */
export const Email = v.pipe(
  v.string('email is required'),
  v.trim(),
  v.toLowerCase(),
  v.nonEmpty('email is required'),
  v.maxLength(254, 'email is at most 254 characters'),
  v.email('email must be a valid address'),
)

export const Username = v.pipe(
  v.string('username is required'),
  v.trim(),
  v.regex(/^[a-zA-Z0-9_.-]{3,32}$/, 'username must be 3 to 32 letters, digits, dots, dashes or underscores'),
)

/** Length is checked before any hashing: a megabyte-long password never reaches argon2. */
export const Password = v.pipe(
  v.string('password is required'),
  v.minLength(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`),
  v.maxLength(PASSWORD_MAX_LENGTH, `password must be at most ${PASSWORD_MAX_LENGTH} characters`),
)

export const FullName = v.pipe(v.string('full_name must be text'), v.trim(), v.maxLength(100, 'full_name is at most 100 characters'))

export const AdminAccountInput = v.object({ email: Email, username: Username, password: Password })
export type AdminAccountInput = v.InferOutput<typeof AdminAccountInput>
