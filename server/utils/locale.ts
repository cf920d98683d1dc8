import type { H3Event } from 'h3'

/**
 * The language to answer an API request in: the one it asks for (`Accept-Language`; the
 * shop's pages send theirs with every call), else the signed-in account's, else English.
 */
export function requestLocale(event: H3Event): ShopLocale {
  return negotiateLocale(getRequestHeader(event, 'accept-language')) ?? event.context.user?.locale ?? DEFAULT_LOCALE
}
