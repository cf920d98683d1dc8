import type { StandardSchemaV1 } from '@standard-schema/spec'
import { translateMessage } from '#shared/i18n/api-messages'

/**
 * A form's schema (shared with the API) whose messages read in the page's language, as
 * the server's do: the messages are the API's English ones, translated by the same table
 * (shared/i18n/api-messages.ts).
 */
export function useLocalizedSchema<S extends StandardSchemaV1>(schema: S) {
  const locale = useShopLocale()
  return computed<S>(() => {
    if (locale.value === DEFAULT_LOCALE) return schema
    const current = locale.value
    const standard = schema['~standard']
    const translate = (result: StandardSchemaV1.Result<unknown>) => result.issues
      ? { issues: result.issues.map(issue => ({ ...issue, message: translateMessage(issue.message, current) })) }
      : result
    const validate = (value: unknown) => {
      const result = standard.validate(value)
      return result instanceof Promise ? result.then(translate) : translate(result)
    }
    return { '~standard': { ...standard, validate } } as unknown as S
  })
}
