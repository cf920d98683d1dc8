import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SERVER_ENTRY } from '../support/build'
import { freePort, startServer, TEST_JWT_SECRET } from '../support/server'
import type { RunningServer } from '../support/server'

const cwd = mkdtempSync(join(tmpdir(), 'comptoir-lifecycle-'))
afterAll(() => rmSync(cwd, { recursive: true, force: true }))

/** Runs the built server with `env` and returns how it ended (it must end by itself). */
async function bootFailure(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [SERVER_ENTRY], {
    cwd,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(await freePort()), ...env },
    encoding: 'utf8',
    timeout: 20_000,
  })
  return { status: result.status, output: result.stdout + result.stderr }
}

describe('configuration is validated at start', () => {
  it('refuses to start in production without JWT_SECRET', async () => {
    const { status, output } = await bootFailure({})
    expect(status).toBe(1)
    expect(output).toContain('JWT_SECRET: required in production')
    expect(output).not.toMatch(/\bat \S+ \(/)
  })

  it('names every bad setting in one go', async () => {
    const { status, output } = await bootFailure({
      JWT_SECRET: 'short',
      RATE_LIMIT: 'sometimes',
      ACCESS_TOKEN_TTL: '-5',
      ALLOWED_ORIGINS: 'https://ok.example, not-an-origin',
      DATABASE_URL: 'mysql://nope',
    })
    expect(status).toBe(1)
    for (const name of ['JWT_SECRET', 'RATE_LIMIT', 'ACCESS_TOKEN_TTL', 'ALLOWED_ORIGINS', 'DATABASE_URL']) expect(output).toContain(name)
  })
})

describe('when the database does not answer', () => {
  let server: RunningServer

  beforeAll(async () => {
    // Nothing listens on port 1: the server starts, stays alive, and keeps trying.
    server = await startServer({ cwd, env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/comptoir', JWT_SECRET: TEST_JWT_SECRET }, waitFor: '/api/health' })
  })

  it('is alive but not ready', async () => {
    const live = await fetch(`${server.url}/api/health`)
    expect(live.status).toBe(200)
    const ready = await fetch(`${server.url}/api/health/ready`)
    expect(ready.status).toBe(503)
    expect(ready.headers.get('retry-after')).toBe('5')
    expect(await ready.json()).toEqual({ error: 'Database unavailable' })
  })

  it('answers API calls and pages with a 503, never a stack trace', async () => {
    const [api, page] = await Promise.all([fetch(`${server.url}/api/products`), fetch(`${server.url}/`, { headers: { accept: 'text/html' } })])
    expect(api.status).toBe(503)
    const body = await api.json()
    expect(body.error).toMatch(/database/)
    expect(page.status).toBe(503)
    const html = await page.text()
    expect(html).toContain('Something went wrong')
    expect(html).not.toMatch(/ECONNREFUSED|node_modules|\bat \S+ \(/)
  })

  it('logs why it is waiting', () => {
    expect(server.output()).toContain('"msg":"database unreachable, retrying"')
  })

  it('finishes in-flight requests on SIGTERM, then exits cleanly', async () => {
    // This request waits for the database (up to 5 s) when the signal arrives.
    const inFlight = fetch(`${server.url}/api/products`)
    await new Promise(resolve => setTimeout(resolve, 300))
    const exitCode = server.stop()
    const response = await inFlight
    expect(response.status).toBe(503)
    expect(await exitCode).toBe(0)
    expect(server.output()).toContain('"msg":"database closed"')
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow()
  })
})
