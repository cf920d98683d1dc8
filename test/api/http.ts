import { inject } from 'vitest'
import { readClusterState } from '../support/cluster'

export const baseURL = inject('baseURL')
/** Whether the tests go through nginx to several instances (TEST_TARGET=cluster). */
export const behindBalancer = Boolean(inject('clusterState'))
/** One instance of the shop: the server itself, or through a cluster its first instance (for what each keeps in its own memory). */
export const oneInstanceURL = behindBalancer ? readClusterState(inject('clusterState')).instances[0]!.url : baseURL

export interface Response<T = unknown> {
  status: number
  headers: Headers
  body: T
  text: string
}

/** Real HTTP against the built server; the body is parsed when it is JSON. */
export async function request<T = any>(path: string, init: RequestInit & { json?: unknown } = {}, base = baseURL): Promise<Response<T>> {
  const { json, ...rest } = init
  const headers = new Headers(rest.headers)
  if (json !== undefined) headers.set('content-type', 'application/json')
  const response = await fetch(base + path, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body })
  const text = await response.text()
  const isJson = response.headers.get('content-type')?.includes('json')
  return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : undefined as T, text }
}

/** A page load as a browser makes it (browsers ask for HTML; Nuxt answers JSON to API-like clients). */
export function page(path: string, headers: Record<string, string> = {}, base = baseURL) {
  return request<undefined>(path, { headers: { accept: 'text/html,application/xhtml+xml', ...headers } }, base)
}

/** What no error response may contain: stack frames, file paths, SQL. */
export function expectNothingInternal(text: string) {
  for (const leak of [/\bat \S+ \(/, /node_modules/, /\.mjs\b/, /\bselect\b.*\bfrom\b/i, /\binsert into\b/i, /"stack"/]) {
    if (leak.test(text)) throw new Error(`response leaks internals (${leak}): ${text.slice(0, 300)}`)
  }
}
