import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig, parseDatabaseConfig } from '../../server/lib/config'

const SECRET = 'x'.repeat(32)
const SITE_URL = 'https://shop.example'
const production = { production: true, cwd: '/srv/shop' }

function problems(run: () => unknown): string[] {
  try {
    run()
  }
  catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    expect(parseConfig({ JWT_SECRET: SECRET, SITE_URL }, production)).toEqual({
      database: { url: undefined, dataDir: '/srv/shop/.data/pglite' },
      replicaUrl: undefined,
      jwtSecret: SECRET,
      siteUrl: SITE_URL,
      allowedOrigins: [],
      rateLimit: true,
      trustProxy: 0,
      accessTokenTtl: 900,
      refreshTokenTtl: 2_592_000,
      logLevel: 'info',
      smtpUrl: undefined,
      mailFrom: 'Comptoir <shop@comptoir.example>',
      dataDir: '/srv/shop/.data',
      seller: expect.objectContaining({ name: 'Comptoir (demo shop)' }),
      // Production offers transfers only with the shop's own account, and cards only with Stripe's keys.
      bank: undefined,
      stripe: undefined,
      paymentWindows: { card: 30 * 60, bank_transfer: 7 * 86_400 },
    })
  })

  it('reads the seller, the bank account, Stripe and the payment windows', () => {
    const config = parseConfig({
      JWT_SECRET: SECRET,
      SITE_URL,
      SELLER_NAME: 'Comptoir SAS',
      SELLER_ADDRESS: '8 quai Saint-Vincent\\n69001 Lyon\\nFrance',
      SELLER_VAT_NUMBER: 'FR12345678901',
      SELLER_REGISTRATION: 'RCS Lyon 123 456 789',
      BANK_ACCOUNT_HOLDER: 'Comptoir SAS',
      BANK_IBAN: 'fr76 3000 6000 0112 3456 7890 189',
      BANK_BIC: 'AGRIFRPPXXX',
      STRIPE_SECRET_KEY: 'sk_test_abc123',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
      CARD_PAYMENT_WINDOW: '45m',
      TRANSFER_PAYMENT_WINDOW: '3d',
    }, production)
    expect(config).toMatchObject({
      seller: { name: 'Comptoir SAS', address: ['8 quai Saint-Vincent', '69001 Lyon', 'France'], vatNumber: 'FR12345678901', registration: 'RCS Lyon 123 456 789', legalNotice: '' },
      bank: { holder: 'Comptoir SAS', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPPXXX' },
      stripe: { secretKey: 'sk_test_abc123', webhookSecret: 'whsec_abc123', apiUrl: undefined },
      paymentWindows: { card: 45 * 60, bank_transfer: 3 * 86_400 },
    })
  })

  it('refuses a wrong IBAN, Stripe without its webhook secret, a transfer account half given, a window out of bounds', () => {
    const found = problems(() => parseConfig({
      JWT_SECRET: SECRET,
      SITE_URL,
      BANK_IBAN: 'FR7630006000011234567890188',
      STRIPE_SECRET_KEY: 'pk_test_public',
      CARD_PAYMENT_WINDOW: '5s',
      TRANSFER_PAYMENT_WINDOW: '7 days',
    }, production))
    expect(found.map(p => p.split(':')[0]).sort()).toEqual(['BANK_IBAN', 'CARD_PAYMENT_WINDOW', 'STRIPE_SECRET_KEY', 'TRANSFER_PAYMENT_WINDOW'])
    expect(problems(() => parseConfig({ JWT_SECRET: SECRET, SITE_URL, STRIPE_SECRET_KEY: 'sk_live_x1', BANK_IBAN: 'FR7630006000011234567890189' }, production)).map(p => p.split(':')[0]).sort())
      .toEqual(['BANK_ACCOUNT_HOLDER and BANK_BIC', 'STRIPE_WEBHOOK_SECRET'])
  })

  it('reads every setting', () => {
    const config = parseConfig({
      DATABASE_URL: 'postgres://shop:pw@db:5432/shop',
      DATABASE_REPLICA_URL: 'postgres://shop:pw@replica:5432/shop',
      JWT_SECRET: SECRET,
      SITE_URL,
      ALLOWED_ORIGINS: 'https://admin.shop.example, https://shop.example',
      RATE_LIMIT: 'off',
      TRUST_PROXY: '2',
      ACCESS_TOKEN_TTL: '300',
      REFRESH_TOKEN_TTL: '86400',
      LOG_LEVEL: 'warn',
    }, production)
    expect(config).toMatchObject({
      database: { url: 'postgres://shop:pw@db:5432/shop' },
      replicaUrl: 'postgres://shop:pw@replica:5432/shop',
      allowedOrigins: ['https://admin.shop.example', 'https://shop.example'],
      rateLimit: false,
      trustProxy: 2,
      accessTokenTtl: 300,
      refreshTokenTtl: 86_400,
      logLevel: 'warn',
    })
  })

  it('requires JWT_SECRET and SITE_URL in production, and only there', () => {
    expect(problems(() => parseConfig({}, production))).toEqual([
      expect.stringContaining('JWT_SECRET: required in production'),
      expect.stringContaining('SITE_URL: required in production'),
    ])
    expect(parseConfig({}, { production: false, cwd: '/tmp', developmentSecret: () => 'generated' })).toMatchObject({ jwtSecret: 'generated', siteUrl: 'http://localhost:3000' })
  })

  it('refuses a read replica without its primary', () => {
    expect(problems(() => parseConfig({ JWT_SECRET: SECRET, SITE_URL, DATABASE_REPLICA_URL: 'postgres://replica/shop' }, production))).toEqual([
      expect.stringContaining('DATABASE_REPLICA_URL: a replica needs its primary in DATABASE_URL'),
    ])
  })

  it('lists every bad variable at once', () => {
    const found = problems(() => parseConfig({
      DATABASE_URL: 'mysql://nope',
      DATABASE_REPLICA_URL: 'replica',
      JWT_SECRET: 'short',
      ALLOWED_ORIGINS: 'https://ok.example,https://bad.example/path',
      RATE_LIMIT: 'maybe',
      TRUST_PROXY: 'on',
      ACCESS_TOKEN_TTL: '0',
      LOG_LEVEL: 'loud',
      PORT: '70000',
    }, production))
    expect(found.map(p => p.split(':')[0]).sort()).toEqual(['ACCESS_TOKEN_TTL', 'ALLOWED_ORIGINS.1', 'DATABASE_REPLICA_URL', 'DATABASE_URL', 'JWT_SECRET', 'LOG_LEVEL', 'PORT', 'RATE_LIMIT', 'TRUST_PROXY'])
  })

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ JWT_SECRET: SECRET, SITE_URL, DATABASE_URL: '', RATE_LIMIT: '' }, production)).toMatchObject({ database: { url: undefined }, rateLimit: true })
  })
})

describe('parseDatabaseConfig', () => {
  it('needs nothing but the database URL', () => {
    expect(parseDatabaseConfig({}, '/work')).toEqual({ url: undefined, dataDir: '/work/.data/pglite' })
    expect(problems(() => parseDatabaseConfig({ DATABASE_URL: 'sqlite://x' }, '/work'))[0]).toMatch(/^DATABASE_URL/)
  })
})
