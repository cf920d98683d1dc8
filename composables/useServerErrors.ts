import type { FormError } from '@nuxt/ui'
import { FetchError } from 'ofetch'
import type { ApiErrorBody } from '#shared/types/api'

/** An API failure as a form shows it: one message, plus the fields the server named. */
export function describeApiError(error: unknown): { message: string, fields: FormError[] } {
  if (!(error instanceof FetchError)) return { message: 'Something went wrong. Please try again.', fields: [] }
  const body = error.data as ApiErrorBody | undefined
  if (error.statusCode === 429) {
    const seconds = Number(error.response?.headers.get('retry-after'))
    return { message: `Too many attempts. Please wait ${seconds > 0 ? `${seconds} seconds` : 'a moment'} and try again.`, fields: [] }
  }
  if (!body?.error) return { message: 'The shop could not be reached. Check your connection and try again.', fields: [] }
  const fields = Object.entries(body.details ?? {}).flatMap(([name, messages]) => messages.map(message => ({ name, message })))
  return { message: body.error, fields }
}
