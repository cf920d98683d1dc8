import * as v from 'valibot'
import { FullName, Password, Username } from './account-fields'
import { Keyword, PaginationQuery, QueryFilterFlag } from './common'
import { LOCALES } from '../utils/locale.ts'

// What an account's owner and admins change, and the admins' list of accounts.

/** An account's language, for its mails. */
export const Locale = v.picklist(LOCALES, 'locale must be en or fr')

const ProfileFields = {
  locale: v.optional(Locale),
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
  keyword: v.optional(Keyword),
  is_active: QueryFilterFlag('is_active'),
})
export type UserListQuery = v.InferOutput<typeof UserListQuery>
