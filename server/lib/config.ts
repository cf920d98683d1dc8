import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as v from 'valibot'

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = typeof LOG_LEVELS[number]

export interface AppConfig {
  database: { url: string | undefined, dataDir: string }
  /** A streaming replica of DATABASE_URL for the public catalog reads (server/database/replica.ts). */
  replicaUrl: string | undefined
  jwtSecret: string
  allowedOrigins: string[]
  rateLimit: boolean
  /**
   * How many proxies in front of the server append to X-Forwarded-For (0: none, the
   * socket's address is the client's). The client is the entry that many from the right.
   */
  trustProxy: number
  accessTokenTtl: number
  refreshTokenTtl: number
  logLevel: LogLevel
  /** The shop's public origin (`https://shop.example`): the links that mails carry point there, never to a Host header. */
  siteUrl: string
  /** smtp(s):// URL of the mail server; without one, mails are written to `.data/mail/` as .eml files. */
  smtpUrl: string | undefined
  /** The edge build's mail transport: each mail is POSTed there as JSON (server/platform/edge/mail.ts). */
  mailApiUrl: string | undefined
  mailFrom: string
  /** Where files the server writes for itself live (`.data/` under the working directory). */
  dataDir: string
}

const seconds = (fallback: number) => v.optional(
  v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number of seconds'), v.transform(Number), v.minValue(1, 'must be at least 1 second')),
  String(fallback),
)

const postgresUrl = v.pipe(v.string(), v.regex(/^postgres(?:ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL'))

const origin = v.pipe(
  v.string(),
  v.check((value) => {
    try {
      return new URL(value).origin === value
    }
    catch {
      return false
    }
  }, 'each origin must look like https://shop.example.com (scheme and host, no path or trailing slash)'),
)

const EnvSchema = v.object({
  DATABASE_URL: v.optional(postgresUrl),
  DATABASE_REPLICA_URL: v.optional(postgresUrl),
  JWT_SECRET: v.optional(v.pipe(v.string(), v.minBytes(32, 'must be at least 32 bytes long'))),
  SITE_URL: v.optional(origin),
  ALLOWED_ORIGINS: v.optional(v.pipe(
    v.string(),
    v.transform(value => value.split(',').map(s => s.trim()).filter(Boolean)),
    v.array(origin),
  ), ''),
  RATE_LIMIT: v.optional(v.picklist(['on', 'off'], 'must be "on" or "off"'), 'on'),
  TRUST_PROXY: v.optional(v.pipe(
    v.string(),
    v.regex(/^(?:off|[0-9])$/, 'must be "off" or the number of proxies in front of the server (1, 2, …): the client address is read that many entries from the right of X-Forwarded-For'),
    v.transform(value => value === 'off' ? 0 : Number(value)),
  ), 'off'),
  ACCESS_TOKEN_TTL: seconds(900),
  REFRESH_TOKEN_TTL: seconds(2_592_000),
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`), 'info'),
  MAIL_API_URL: v.optional(v.pipe(v.string(), v.url('must be a URL'), v.regex(/^https?:/, 'must be an http(s) URL'))),
  SMTP_URL: v.optional(v.pipe(v.string(), v.regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL'))),
  MAIL_FROM: v.optional(v.pipe(v.string(), v.maxLength(200)), 'Comptoir <shop@comptoir.example>'),
  PORT: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a port number'), v.transform(Number), v.minValue(1), v.maxValue(65_535, 'must be a port number'))),
})

export class ConfigError extends Error {
  readonly problems: string[]

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map(p => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

/** An empty variable means "unset", as in most shells' `VAR= command`. */
function present(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
}

function fail(issues: readonly v.BaseIssue<unknown>[]): never {
  throw new ConfigError(issues.map(issue => `${v.getDotPath(issue) ?? 'environment'}: ${issue.message}`))
}

/** What the command-line tools need: only where the database is. */
export function parseDatabaseConfig(env: Record<string, string | undefined>, cwd: string) {
  const result = v.safeParse(v.pick(EnvSchema, ['DATABASE_URL']), present(env))
  if (!result.success) fail(result.issues)
  return databaseOptions(result.output.DATABASE_URL, cwd)
}

/** PostgreSQL when a URL is given, otherwise the embedded database under `.data/` (relative to the working directory). */
function databaseOptions(url: string | undefined, cwd: string) {
  return { url, dataDir: resolve(cwd, '.data', 'pglite') }
}

/**
 * Validates the environment. Pure: the caller says whether this is production and
 * supplies the development secret, so it can be unit tested without touching disk.
 */
export function parseConfig(
  env: Record<string, string | undefined>,
  { production, cwd, developmentSecret }: { production: boolean, cwd: string, developmentSecret?: () => string },
): AppConfig {
  const result = v.safeParse(EnvSchema, present(env))
  if (!result.success) fail(result.issues)
  const parsed = result.output
  const missing: string[] = []
  const jwtSecret = parsed.JWT_SECRET ?? (production || !developmentSecret ? undefined : developmentSecret())
  if (!jwtSecret) missing.push('JWT_SECRET: required in production (at least 32 bytes, e.g. `openssl rand -base64 48`)')
  const siteUrl = parsed.SITE_URL ?? (production ? undefined : `http://localhost:${parsed.PORT ?? 3000}`)
  if (!siteUrl) missing.push('SITE_URL: required in production: the shop\'s public origin (e.g. https://shop.example.com), where the links in its mails point')
  if (parsed.DATABASE_REPLICA_URL && !parsed.DATABASE_URL) missing.push('DATABASE_REPLICA_URL: a replica needs its primary in DATABASE_URL (the embedded database has none)')
  if (!jwtSecret || !siteUrl || missing.length > 0) throw new ConfigError(missing)
  return {
    database: databaseOptions(parsed.DATABASE_URL, cwd),
    replicaUrl: parsed.DATABASE_REPLICA_URL,
    jwtSecret,
    siteUrl,
    allowedOrigins: parsed.ALLOWED_ORIGINS,
    rateLimit: parsed.RATE_LIMIT === 'on',
    trustProxy: parsed.TRUST_PROXY,
    accessTokenTtl: parsed.ACCESS_TOKEN_TTL,
    refreshTokenTtl: parsed.REFRESH_TOKEN_TTL,
    logLevel: parsed.LOG_LEVEL,
    smtpUrl: parsed.SMTP_URL,
    mailApiUrl: parsed.MAIL_API_URL,
    mailFrom: parsed.MAIL_FROM,
    dataDir: resolve(cwd, '.data'),
  }
}

/** In development the signing key is generated once and kept in `.data/`, so sessions survive restarts. */
function developmentSecretIn(dataDir: string) {
  return () => {
    const file = join(dataDir, 'jwt-secret')
    if (existsSync(file)) return readFileSync(file, 'utf8').trim()
    mkdirSync(dataDir, { recursive: true })
    const secret = randomBytes(48).toString('base64url')
    writeFileSync(file, `${secret}\n`, { mode: 0o600 })
    return secret
  }
}

let config: AppConfig | undefined

/** The process's validated configuration, read once from the environment. */
export function useConfig(): AppConfig {
  if (!config) {
    const cwd = process.cwd()
    config = parseConfig(process.env, {
      production: !import.meta.dev,
      cwd,
      developmentSecret: developmentSecretIn(resolve(cwd, '.data')),
    })
  }
  return config
}
