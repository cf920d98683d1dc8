import { getQuery, readBody, setResponseHeader, setResponseStatus } from 'h3'
import type { H3Event } from 'h3'
import { registerEndpoint } from '@nuxt/test-utils/runtime'
import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach } from 'vitest'
import type { CartLineJson, ProductJson, UserJson } from '#shared/types/api'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One request a mocked endpoint received. */
export interface Received {
  method: string
  body: any
  query: Record<string, unknown>
}

const unregister: (() => void)[] = []
afterEach(() => {
  for (const done of unregister.splice(0)) done()
})

/**
 * Mocks one API route for the current test (removed after it) and records what it received.
 * `answer` returns the JSON to send; `reply` sets a status (and headers) first.
 */
export function mockApi(url: string, method: Method, answer: (request: Received, event: H3Event) => unknown = () => ({})) {
  const received: Received[] = []
  unregister.push(registerEndpoint(url, {
    method,
    handler: async (event) => {
      const request: Received = {
        method: event.method,
        body: method === 'GET' || method === 'DELETE' ? undefined : await readBody(event),
        query: getQuery(event),
      }
      received.push(request)
      return answer(request, event)
    },
  }))
  return received
}

/** The API's error envelope, with a status. */
export function reply(event: H3Event, status: number, body: unknown, headers: Record<string, string> = {}) {
  setResponseStatus(event, status)
  for (const [name, value] of Object.entries(headers)) setResponseHeader(event, name, value)
  return body
}

let serial = 0
/** A product as the API sends it. */
export function product(overrides: Partial<ProductJson> = {}): ProductJson {
  serial += 1
  return {
    id: uuid(serial),
    name: `Product ${serial}`,
    description: '',
    category: null,
    price: 10,
    vat_rate: 20,
    weight_grams: 250,
    stock: 5,
    sku: null,
    is_active: true,
    image: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...overrides,
  }
}

/** A well-formed product id, distinct for each n. */
export function uuid(n: number) {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
}

export function cartLine(item: ProductJson, quantity: number, added_price: number | null = null): CartLineJson {
  return { product_id: item.id, quantity, product: item, added_price }
}

export function user(overrides: Partial<UserJson> = {}): UserJson {
  return {
    id: uuid(9999),
    email: 'ada@example.com',
    username: 'ada',
    full_name: 'Ada',
    is_active: true,
    is_admin: false,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    last_login: null,
    email_verified: true,
    locale: 'en',
    ...overrides,
  }
}

/** Nuxt UI's toasts, reached as a component would (useToast looks for its provider). */
const toaster = () => useNuxtApp().vueApp.runWithContext(() => useToast())

/** The toasts on screen: what they say, and in which colour. Toasts appear a tick after they are added. */
export async function shownToasts() {
  await flushPromises()
  return toaster().toasts.value.map(({ title, description, color }) => ({ title, ...(description ? { description } : {}), color }))
}

export function clearToasts() {
  toaster().clear()
}

/** Types into a field, then leaves it: `input`, a tick, `change` and `blur` (setValue fires input and change at once). */
export async function type(input: { element: Element, trigger: (event: string) => Promise<void> }, text: string) {
  (input.element as HTMLInputElement).value = text
  await input.trigger('input')
  await input.trigger('change')
  await input.trigger('blur')
}

/** A Nuxt UI form field's root, by its label's text. */
export function formField(wrapper: Pick<VueWrapper, 'findAll'>, label: string) {
  const root = wrapper.findAll('[data-slot="root"]').find(candidate => candidate.find('label').exists() && candidate.get('label').text().startsWith(label))
  if (!root) throw new Error(`No field labelled ${label}`)
  return root
}

/** The message shown under a form field ('' when none). */
export function fieldError(wrapper: Pick<VueWrapper, 'findAll'>, label: string) {
  const error = formField(wrapper, label).find('[data-slot="error"]')
  return error.exists() ? error.text() : ''
}
