import type { H3Event } from 'h3'
import { startSession } from '../services/sessions'
import { signAccessToken } from './tokens'

export function clientMeta(event: H3Event) {
  return { userAgent: getRequestHeader(event, 'user-agent'), ipAddress: clientAddress(event) }
}

/** Signs a new session in: a refresh-token family, an access token, both as HttpOnly cookies. */
export async function signIn(event: H3Event, userId: string) {
  const session = await startSession(useDb(), userId, useConfig().refreshTokenTtl, clientMeta(event))
  const access = await signAccessToken(userId, session.sessionId)
  setAuthCookies(event, { access: access.token, refresh: session.token })
}
