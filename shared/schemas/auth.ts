import * as v from 'valibot'
import { Email, FullName, Password, Username } from './account-fields'
import { Locale } from './users'

// Signing up, signing in, confirming an address; an account's own fields are in ./users.ts.

/** Unknown fields (is_admin, is_active, …) are dropped by v.object, never written. */
export const RegisterInput = v.object({
  email: Email,
  username: Username,
  password: Password,
  full_name: v.optional(v.nullable(FullName)),
  /** The account's language; the request's when left out. */
  locale: v.optional(Locale),
})
export type RegisterInput = v.InferOutput<typeof RegisterInput>

export const LoginInput = v.object({
  email: v.pipe(v.string('email is required'), v.trim(), v.toLowerCase(), v.nonEmpty('email is required'), v.maxLength(254, 'email is at most 254 characters')),
  // No minimum here (old passwords may be shorter than today's rule), but the maximum holds: nothing huge reaches argon2.
  password: v.pipe(v.string('password is required'), v.nonEmpty('password is required'), v.maxLength(128, 'password must be at most 128 characters')),
})
export type LoginInput = v.InferOutput<typeof LoginInput>

/** The token of a mailed confirmation link. */
export const EmailVerificationInput = v.object({
  token: v.pipe(v.string('token is required'), v.nonEmpty('token is required'), v.maxLength(2000, 'token is too long')),
})
