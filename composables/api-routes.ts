import type { InternalApi } from 'nitropack/types'

/**
 * The API's routes as Nitro infers them from `server/api` (`.nuxt/types/nitro-routes.d.ts`):
 * each route pattern, its methods, and what each answers, serialised as JSON. The client names
 * a route by its pattern (`/api/orders/:id`) and its parameters apart, so the answer's type
 * comes from the handler instead of being written again at every call.
 */
type Routes = Omit<InternalApi, '/api/**:path'>

export type ApiRoute = keyof Routes & string

export type ApiMethod<R extends ApiRoute> = Uppercase<keyof Routes[R] & string>

/** What `method` on `route` answers (with a 2xx). */
export type ApiResponse<R extends ApiRoute, M extends string = 'GET'> = Lowercase<M> extends keyof Routes[R] ? Routes[R][Lowercase<M>] : never

type ParamName<R extends string> = R extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamName<Rest> : R extends `${string}:${infer Name}` ? Name : never

/** The `:name` segments of a route, by name. */
export type ApiPathParams<R extends string, V = string> = Record<ParamName<R>, V>

/** `path` names the route's parameters; it is required exactly when the route has some. */
export type ApiPathOption<R extends string, V = string> = [ParamName<R>] extends [never] ? { path?: undefined } : { path: ApiPathParams<R, V> }

/**
 * The URL of `route` with its `:name` segments filled in, each encoded as one path segment.
 * An empty, `.` or `..` value is refused: URL parsers resolve those (even as `%2E`) into another route.
 */
export function apiPath(route: string, path: Record<string, string> = {}): string {
  return route.replace(/:(\w+)/g, (_, name: string) => {
    const value = path[name]
    if (value === undefined || value === '' || /^(?:\.|%2e){1,2}$/i.test(value)) throw new TypeError(`apiPath: no usable value for :${name} in ${route}`)
    return encodeURIComponent(value)
  })
}
