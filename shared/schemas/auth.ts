import * as v from 'valibot'
import { PaginationQuery } from './common'
import { Email, Password, Username } from './users'

const FullName = v.pipe(v.string('full_name must be text'), v.trim(), v.maxLength(100, 'full_name is at most 100 characters'))

/** Unknown fields (is_admin, is_active, …) are dropped by v.object, never written. */
export const RegisterInput = v.object({
  email: Email,
  username: Username,
  password: Password,
  full_name: v.optional(v.nullable(FullName)),
})
export type RegisterInput = v.InferOutput<typeof RegisterInput>

export const LoginInput = v.object({
  email: v.pipe(v.string('email is required'), v.trim(), v.toLowerCase(), v.nonEmpty('email is required'), v.maxLength(254, 'email is at most 254 characters')),
  // No minimum here (old passwords may be shorter than today's rule), but the maximum holds: nothing huge reaches argon2.
  password: v.pipe(v.string('password is required'), v.nonEmpty('password is required'), v.maxLength(128, 'password must be at most 128 characters')),
})
export type LoginInput = v.InferOutput<typeof LoginInput>

const ProfileFields = {
  full_name: v.optional(v.nullable(FullName)),
  username: v.optional(Username),
}
const CurrentPassword = v.pipe(v.string('current_password is required'), v.maxLength(128, 'current_password must be at most 128 characters'))

/** The account page's two forms; the API takes both at once. */
export const ProfileDetailsInput = v.object(ProfileFields)
export const PasswordChangeInput = v.object({
  current_password: v.pipe(CurrentPassword, v.nonEmpty('current_password is required')),
  password: Password,
})

export const ProfileUpdateInput = v.pipe(
  v.object({
    ...ProfileFields,
    password: v.optional(Password),
    current_password: v.optional(CurrentPassword),
  }),
  v.forward(
    v.check(input => input.password === undefined || Boolean(input.current_password), 'current_password is required to change the password'),
    ['current_password'],
  ),
)
export type ProfileUpdateInput = v.InferOutput<typeof ProfileUpdateInput>

export const UserUpdateInput = v.object({
  is_active: v.optional(v.boolean('is_active must be true or false')),
  is_admin: v.optional(v.boolean('is_admin must be true or false')),
  full_name: v.optional(v.nullable(FullName)),
})
export type UserUpdateInput = v.InferOutput<typeof UserUpdateInput>

export const UserListQuery = v.object({
  ...PaginationQuery,
  keyword: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'keyword is at most 100 characters'))),
  is_active: v.optional(v.pipe(v.picklist(['true', 'false'], 'is_active must be true or false'), v.transform(value => value === 'true'))),
})
export type UserListQuery = v.InferOutput<typeof UserListQuery>

export const IdParams = v.object({ id: v.pipe(v.string(), v.uuid('id must be a UUID')) })

/** The token of a mailed confirmation link. */
export const EmailVerificationInput = v.object({
  token: v.pipe(v.string('token is required'), v.nonEmpty('token is required'), v.maxLength(2000, 'token is too long')),
})
