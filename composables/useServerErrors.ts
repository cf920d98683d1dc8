import type { FormError } from '@nuxt/ui'
import { FetchError } from 'ofetch'
import type { ApiErrorBody } from '#shared/types/api'

/** An API failure as a form shows it: one message, plus the fields the server named. */
export function describeApiError(error: unknown): { message: string, fields: FormError[] } {
  const { t } = useNuxtApp().$i18n
  if (!(error instanceof FetchError)) return { message: t('common.errors.unknown'), fields: [] }
  const body = error.data as ApiErrorBody | undefined
  if (error.statusCode === 429) {
    const seconds = Number(error.response?.headers.get('retry-after'))
    return { message: seconds > 0 ? t('common.errors.tooManyWait', { seconds }) : t('common.errors.tooMany'), fields: [] }
  }
  if (!body?.error) return { message: t('common.errors.offline'), fields: [] }
  const fields = Object.entries(body.details ?? {}).flatMap(([name, messages]) => messages.map(message => ({ name, message })))
  return { message: body.error, fields }
}
