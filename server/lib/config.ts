import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as v from 'valibot'
import type { PaymentMethod } from '../../shared/utils/payments'

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
  /** Who sells, as every invoice must say (name, address, VAT number, registration, legal notice). */
  seller: SellerConfig
  /** Bank transfers are offered when the shop's account is known. */
  bank: { holder: string, iban: string, bic: string } | undefined
  /** Card payments through Stripe, when its keys are set; `apiUrl` points the SDK at a local stand-in (tests). */
  stripe: { secretKey: string, webhookSecret: string, apiUrl: string | undefined } | undefined
  /** How long an unpaid order holds its stock, in seconds, by payment method. */
  paymentWindows: Record<PaymentMethod, number>
}

export interface SellerConfig {
  name: string
  address: string[]
  vatNumber: string
  registration: string
  legalNotice: string
}

/** What development shows on invoices until SELLER_* are set: plainly not a real business. */
const DEMO_SELLER: SellerConfig = {
  name: 'Comptoir (demo shop)',
  address: ['1 rue de l\'Exemple', '75011 Paris', 'France'],
  vatNumber: 'FR00000000000',
  registration: 'SIRET 000 000 000 00000 (demo)',
  legalNotice: 'Demo invoice: set SELLER_NAME, SELLER_ADDRESS, SELLER_VAT_NUMBER and SELLER_REGISTRATION.',
}

/** Development's bank account (ISO 13616's own example IBAN): production offers transfers only with BANK_IBAN set. */
const DEMO_BANK = { holder: 'Comptoir (demo shop)', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPPXXX' }

/** An IBAN's own check: ISO 13616 mod 97. */
export function isValidIban(value: string) {
  const iban = value.replace(/\s+/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, letter => String(letter.charCodeAt(0) - 55))
  let remainder = 0
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97
  return remainder === 1
}

const seconds = (fallback: number) => v.optional(
  v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number of seconds'), v.transform(Number), v.minValue(1, 'must be at least 1 second')),
  String(fallback),
)

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const

/** A span of time written `45s`, `30m`, `12h` or `7d`, read as seconds (from 10 seconds to 60 days). */
const duration = (fallback: string) => v.optional(
  v.pipe(
    v.string(),
    v.regex(/^\d+[smhd]$/, 'must be a duration like 30m, 12h or 7d'),
    v.transform(value => Number(value.slice(0, -1)) * UNIT_SECONDS[value.at(-1) as keyof typeof UNIT_SECONDS]),
    v.minValue(10, 'must be at least 10s'),
    v.maxValue(60 * 86_400, 'must be at most 60d'),
  ),
  fallback,
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
  SELLER_NAME: v.optional(v.pipe(v.string(), v.maxLength(200))),
  SELLER_ADDRESS: v.optional(v.pipe(v.string(), v.maxLength(500))),
  SELLER_VAT_NUMBER: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{2}[A-Z0-9]{2,13}$/, 'must be a VAT number like FR12345678901'))),
  SELLER_REGISTRATION: v.optional(v.pipe(v.string(), v.maxLength(200))),
  SELLER_LEGAL_NOTICE: v.optional(v.pipe(v.string(), v.maxLength(1000)), ''),
  BANK_ACCOUNT_HOLDER: v.optional(v.pipe(v.string(), v.maxLength(200))),
  BANK_IBAN: v.optional(v.pipe(v.string(), v.check(isValidIban, 'must be a valid IBAN'), v.transform(value => value.replace(/\s+/g, '').toUpperCase()))),
  BANK_BIC: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/, 'must be a BIC like AGRIFRPP or AGRIFRPPXXX'))),
  STRIPE_SECRET_KEY: v.optional(v.pipe(v.string(), v.regex(/^(?:sk|rk)_(?:test|live)_\w+$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)'))),
  STRIPE_WEBHOOK_SECRET: v.optional(v.pipe(v.string(), v.regex(/^whsec_\w+$/, 'must be a Stripe webhook signing secret (whsec_…)'))),
  STRIPE_API_URL: v.optional(v.pipe(v.string(), v.url('must be a URL'), v.regex(/^https?:\/\/[^/]+\/?$/, 'must be an origin like http://127.0.0.1:12111'))),
  CARD_PAYMENT_WINDOW: duration('30m'),
  TRANSFER_PAYMENT_WINDOW: duration('7d'),
  PORT: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a port number'), v.transform(Number), v.minValue(1), v.maxValue(65_535, 'must be a port number'))),
})

/** Every variable the server reads (what `npm run preview:edge` hands on to the Worker). */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.entries)

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
  if (parsed.STRIPE_SECRET_KEY && !parsed.STRIPE_WEBHOOK_SECRET) missing.push('STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY: card payments are confirmed only by Stripe\'s signed webhook')
  if (parsed.BANK_IBAN && !(parsed.BANK_ACCOUNT_HOLDER && parsed.BANK_BIC)) missing.push('BANK_ACCOUNT_HOLDER and BANK_BIC: required with BANK_IBAN, to show customers where to send a transfer')
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
    seller: parsed.SELLER_NAME
      ? {
          name: parsed.SELLER_NAME,
          address: (parsed.SELLER_ADDRESS ?? '').split(/\\n|\n/).map(line => line.trim()).filter(Boolean),
          vatNumber: parsed.SELLER_VAT_NUMBER ?? '',
          registration: parsed.SELLER_REGISTRATION ?? '',
          legalNotice: parsed.SELLER_LEGAL_NOTICE,
        }
      : DEMO_SELLER,
    bank: parsed.BANK_IBAN
      ? { holder: parsed.BANK_ACCOUNT_HOLDER!, iban: parsed.BANK_IBAN, bic: parsed.BANK_BIC! }
      : production ? undefined : DEMO_BANK,
    stripe: parsed.STRIPE_SECRET_KEY
      ? { secretKey: parsed.STRIPE_SECRET_KEY, webhookSecret: parsed.STRIPE_WEBHOOK_SECRET!, apiUrl: parsed.STRIPE_API_URL }
      : undefined,
    paymentWindows: { card: parsed.CARD_PAYMENT_WINDOW, bank_transfer: parsed.TRANSFER_PAYMENT_WINDOW },
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
