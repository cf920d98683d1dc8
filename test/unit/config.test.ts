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
    })
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
