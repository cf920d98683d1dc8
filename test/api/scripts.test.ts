import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { count, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/database/client'
import { DEMO_ACCOUNTS } from '../../server/database/seed'
import { ROOT } from '../support/build'
import { createTestDatabase } from '../support/database'
import type { TestDatabase } from '../support/database'
import { startServer } from '../support/server'
import type { RunningServer } from '../support/server'

/** The command-line tools, run as an operator runs them, on a database of their own. */
let database: TestDatabase
let server: RunningServer | undefined

beforeAll(async () => {
  database = await createTestDatabase('scripts')
})
afterAll(async () => {
  await server?.stop()
  await database.drop()
})

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], {
    cwd: database.cwd,
    env: { PATH: process.env.PATH, ...(database.url ? { DATABASE_URL: database.url } : {}), ...env },
    encoding: 'utf8',
  })
  return { code: result.status, output: result.stdout + result.stderr }
}

/** The server holds an embedded database alone: it runs only between the commands. */
async function withServer<T>(task: (url: string) => Promise<T>) {
  server = await startServer({ cwd: database.cwd, env: { DATABASE_URL: database.url, RATE_LIMIT: 'off' } })
  try {
    return await task(server.url)
  }
  finally {
    await server.stop()
    server = undefined
  }
}

const post = (url: string, path: string, body: unknown, cookie = '') => fetch(url + path, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'origin': url, cookie },
  body: JSON.stringify(body),
})
/** These tests run npm scripts (each a Node 24 process opening the database) beside a server: slow on a busy machine. */
const SCRIPT_TIMEOUT = 90_000
const cookiesOf = (res: Response) => res.headers.getSetCookie().map(c => c.split(';')[0]).join('; ')

const stranger = { email: 'first-come@test.example', username: 'firstcome', password: 'the stranger\'s password' }

describe('npm run db:seed', () => {
  it('refuses the demo accounts in production', () => {
    const result = run('seed.ts', [], { NODE_ENV: 'production' })
    expect(result.code).toBe(1)
    expect(result.output).toContain('not created in production')
  })

  it('refuses the demo accounts on a database that has accounts of its own, and loads the catalog alone with --no-accounts', async () => {
    await withServer(async (url) => {
      expect((await post(url, '/api/auth/register', stranger)).status).toBe(201)
    })
    const refused = run('seed.ts', [])
    expect(refused.code).toBe(1)
    expect(refused.output).toContain('already has accounts of its own')
    const catalog = run('seed.ts', ['--no-accounts'])
    expect(catalog.code).toBe(0)
    await withServer(async (url) => {
      const { email, password } = DEMO_ACCOUNTS.admin
      expect((await post(url, '/api/auth/login', { email, password })).status).toBe(401)
      expect((await (await fetch(`${url}/api/products?limit=1`)).json()).total).toBeGreaterThan(0)
    })
  }, SCRIPT_TIMEOUT)
})

describe('npm run create-admin', () => {
  it('does not promote an account someone else registered unless told to, then ends its sessions and says whose it was', async () => {
    const session = await withServer(async url => cookiesOf(await post(url, '/api/auth/login', stranger)))

    const refused = run('create-admin.ts', ['--email', stranger.email, '--username', 'boss', '--password', 'an operator password'])
    expect(refused.code).toBe(1)
    expect(refused.output).toContain(`${stranger.email} already belongs to an account (username ${stranger.username}`)
    expect(refused.output).toContain('--promote')
    await withServer(async (url) => {
      const res = await fetch(`${url}/api/auth/profile`, { headers: { cookie: session } })
      expect(res.status).toBe(200)
      expect((await res.json()).data.is_admin).toBe(false)
    })

    const promoted = run('create-admin.ts', ['--email', stranger.email, '--username', 'boss', '--password', 'an operator password', '--promote'])
    expect(promoted.code).toBe(0)
    expect(promoted.output).toContain(`Promoted the existing account ${stranger.email} to admin`)
    expect(promoted.output).toContain(`username ${stranger.username}`)
    expect(promoted.output).toMatch(/\d open session\(s\) ended/)
    await withServer(async (url) => {
      expect((await fetch(`${url}/api/auth/profile`, { headers: { cookie: session } })).status).toBe(401)
      // Its own password, not the one typed for --password.
      expect((await post(url, '/api/auth/login', { email: stranger.email, password: 'an operator password' })).status).toBe(401)
      const again = await post(url, '/api/auth/login', stranger)
      expect((await again.json()).data.user.is_admin).toBe(true)
    })
  }, SCRIPT_TIMEOUT)

  it('creates a new admin, whose address needs no confirmation', async () => {
    const created = run('create-admin.ts', ['--email', 'new-admin@test.example', '--username', 'newadmin', '--password', 'a long admin password'])
    expect(created.code).toBe(0)
    expect(created.output).toContain('Admin new-admin@test.example created.')
    await withServer(async (url) => {
      const res = await post(url, '/api/auth/login', { email: 'new-admin@test.example', password: 'a long admin password' })
      expect((await res.json()).data.user).toMatchObject({ is_admin: true, email_verified: true })
    })
  })
})

describe('npm run build:migrate (the container image\'s migration command)', () => {
  it('migrates a fresh database from .output alone, and does nothing the second time', async () => {
    const bundled = spawnSync('npm', ['run', 'build:migrate'], { cwd: ROOT, encoding: 'utf8' })
    expect(bundled.status, bundled.stderr).toBe(0)
    const fresh = await createTestDatabase('migrate-bundle')
    try {
      const migrate = () => spawnSync(process.execPath, [join(ROOT, '.output/server/migrate.mjs')], {
        cwd: fresh.cwd,
        env: { PATH: process.env.PATH, ...(fresh.url ? { DATABASE_URL: fresh.url } : {}) },
        encoding: 'utf8',
      })
      for (const run of [migrate(), migrate()]) {
        expect(run.status, run.stderr).toBe(0)
        expect(run.stdout).toContain('Migrations applied')
      }
      const handle = openDatabase({ url: fresh.url, dataDir: join(fresh.cwd, '.data/pglite') })
      try {
        const journal = JSON.parse(readFileSync(join(ROOT, 'drizzle/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }
        const applied = await handle.db.select({ count: count() }).from(sql`drizzle.__drizzle_migrations`)
        expect(applied[0]!.count).toBe(journal.entries.length)
      }
      finally {
        await handle.close()
      }
    }
    finally {
      await fresh.drop()
    }
  }, SCRIPT_TIMEOUT)
})
