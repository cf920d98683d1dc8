import { createError, isError } from 'h3'
import * as v from 'valibot'

export type ErrorDetails = Record<string, string[]>

export interface ErrorResponse {
  status: number
  body: { error: string, details?: ErrorDetails }
  headers: Record<string, string>
}

interface ApiErrorData {
  details?: ErrorDetails
  headers?: Record<string, string>
}

/** An error meant for the client: its status, message and details are sent as they are. */
export function apiError(status: number, message: string, data: ApiErrorData = {}) {
  return createError({ statusCode: status, message, data })
}

/** The one 429 answer: a message and when to try again. */
export function tooManyRequests(message: string, retryAfterSeconds: number) {
  return apiError(429, message, { headers: { 'Retry-After': String(retryAfterSeconds) } })
}

const GENERIC: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
}

/** Database errors that the client caused, by SQLSTATE: a safety net behind the services' own checks. */
const SQLSTATE: Record<string, { status: number, message: string }> = {
  '23505': { status: 409, message: 'Conflict with an existing record' },
  '23503': { status: 409, message: 'Conflict with a related record' },
  '23514': { status: 409, message: 'The change would break a data rule' },
  '22P02': { status: 400, message: 'Invalid value' },
  '22003': { status: 400, message: 'Number out of range' },
  // The database turning connections away (its connection limit, or starting up): nothing was done, try again.
  '53300': { status: 503, message: 'The shop is busy: try again in a moment' },
  '57P03': { status: 503, message: 'The shop is busy: try again in a moment' },
}

/** The `code` of an error or of one of its causes (drivers' errors arrive wrapped) that `matches`. */
export function findErrorCode(error: unknown, matches: (code: string) => boolean): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && matches(code)) return code
  }
  return undefined
}

const sqlState = (error: unknown) => findErrorCode(error, code => /^[0-9A-Z]{5}$/.test(code))

/** At most this many issues are reported: a body of ten thousand bad items gets an answer of a useful size. */
const MAX_ISSUES = 50
/** What valibot's own messages quote of the input (`but received "…"`), at most. */
const MAX_RECEIVED = 40

/** A valibot message with the input it quotes cut short: the client knows what it sent. */
function shortened(issue: v.BaseIssue<unknown>) {
  const { message, received } = issue
  return received.length > MAX_RECEIVED ? message.replace(received, `${received.slice(0, MAX_RECEIVED)}…`) : message
}

/** Turns valibot issues into `{ field: [messages] }`; issues about the whole input go under `_root`. */
export function issuesToDetails(issues: readonly v.BaseIssue<unknown>[]): ErrorDetails {
  const details: ErrorDetails = {}
  for (const issue of issues.slice(0, MAX_ISSUES)) {
    const key = v.getDotPath(issue) ?? '_root'
    // valibot words a missing key as 'Invalid key: Expected "x" but received undefined'.
    const missing = issue.kind === 'schema' && issue.received === 'undefined' && issue.expected?.startsWith('"')
    ;(details[key] ??= []).push(missing ? `${key.split('.').pop()} is required` : shortened(issue))
  }
  return details
}

function validationIssues(data: unknown): readonly v.BaseIssue<unknown>[] | undefined {
  if (v.isValiError(data)) return data.issues
  return undefined
}

/**
 * The one error mapper: whatever was thrown becomes `{ error, details? }` with the right
 * status. Messages of errors the code did not raise on purpose never reach the client.
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  const headers: Record<string, string> = {}
  if (isError(error)) {
    const issues = validationIssues(error.data) ?? validationIssues(error.cause)
    if (issues) return { status: 400, body: { error: 'Validation failed', details: issuesToDetails(issues) }, headers }
  }
  const state = sqlState(error)
  if (state && SQLSTATE[state]) {
    const { status, message } = SQLSTATE[state]
    if (status === 503) headers['Retry-After'] = '1'
    return { status, body: { error: message }, headers }
  }
  if (!isError(error) || error.unhandled) {
    return { status: 500, body: { error: GENERIC[500]! }, headers }
  }
  const status = error.statusCode >= 400 && error.statusCode <= 599 ? error.statusCode : 500
  const data = (error.data ?? {}) as ApiErrorData
  Object.assign(headers, data.headers)
  const message = error.message && error.message !== 'undefined' ? error.message : GENERIC[status] ?? GENERIC[status >= 500 ? 500 : 400]!
  return { status, body: data.details ? { error: message, details: data.details } : { error: message }, headers }
}
