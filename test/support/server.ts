import { spawn } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { freePort } from '../../scripts/lib.ts'
import { EDGE_PREVIEW, SERVER_ENTRY } from './build.ts'

export interface RunningServer {
  url: string
  process: ChildProcess
  /** Everything the server printed so far (its JSON log lines); also in `logFile`. */
  output: () => string
  logFile: string
  stop: () => Promise<number | null>
}

/** An extra origin the API test server lets make cookie-authenticated writes. */
export const ALLOWED_ORIGIN = 'https://admin.comptoir.example'

/** Where an edge server of the tests keeps Miniflare's local storage, in its working directory. */
export const EDGE_STATE = '.wrangler-state'

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-bytes-long-0123456789'

export { freePort }

/** What every server of the tests is given: the test signing key, its own origin, info logs, 10 s to shut down. */
export function serverEnv(port: number) {
  return { JWT_SECRET: TEST_JWT_SECRET, SITE_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'info', NITRO_SHUTDOWN_TIMEOUT: '10000' }
}

/** Starts a process whose output (stdout and stderr together) is kept and appended to `logFile`. */
export function spawnLogged(command: string, args: string[], { cwd, env, logFile }: { cwd: string, env: Record<string, string | undefined>, logFile: string }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk
    appendFileSync(logFile, chunk)
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  return { child, output: () => output, exited }
}

/**
 * Starts the built server as production runs it (or another `entry`, such as a benchmark
 * baseline, or the edge bundle in workerd with `edge`); resolves once `waitFor` answers 200.
 */
export async function startServer({ cwd, env = {}, port, waitFor = '/api/health/ready', entry = SERVER_ENTRY, edge = false }: { cwd: string, env?: Record<string, string | undefined>, port?: number, waitFor?: string, entry?: string, edge?: boolean }): Promise<RunningServer> {
  port ??= await freePort()
  const logFile = join(cwd, 'server.log')
  const { child, output, exited } = spawnLogged(process.execPath, [edge ? EDGE_PREVIEW : entry], {
    cwd: edge ? process.cwd() : cwd,
    logFile,
    env: {
      PATH: process.env.PATH,
      // wrangler keeps its settings under HOME; Miniflare's local storage (the photos' R2 bucket) beside the test's data.
      ...(edge ? { HOME: process.env.HOME, EDGE_STATE_DIR: join(cwd, EDGE_STATE) } : {}),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...serverEnv(port),
      ...env,
    },
  })
  const url = `http://127.0.0.1:${port}`

  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not become ready:\n${output()}`)
    }
    const ok = await fetch(url + waitFor).then(r => r.ok, () => false)
    if (ok) break
    await new Promise(resolve => setTimeout(resolve, 200))
  }

  return {
    url,
    process: child,
    output,
    logFile,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}

/** Signs in on a server of a test's own; returns the Cookie header for its later requests. */
export async function signInAt(server: RunningServer, account: { email: string, password: string }) {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'origin': server.url },
    body: JSON.stringify({ email: account.email, password: account.password }),
  })
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`)
  return response.headers.getSetCookie().map(cookie => cookie.split(';')[0]).join('; ')
}
