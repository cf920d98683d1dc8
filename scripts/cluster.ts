/**
 * `npm run cluster -- --instances 3 --port 8080`: the production build started N times on
 * loopback ports behind nginx (deploy/nginx/comptoir.conf, the compose stack's own balancer
 * configuration), all on the PostgreSQL database that DATABASE_URL names. Ctrl-C stops it all.
 *
 * - The instances run a copy of `.output/` (a release) in the cluster's run folder, so that
 *   `npm run build` can replace `.output/` while they serve.
 * - An instance that dies is started again (nginx routes around it meanwhile).
 * - SIGHUP (`kill -HUP <pid>`) copies `.output/` again and restarts the instances on it one at a
 *   time, e.g. after `npm run build`: each is taken out of nginx's upstream first, then stopped
 *   with SIGTERM (it finishes what it was doing), started again and put back once ready, so no
 *   request meets a closing instance.
 * - `--state <file>` keeps a JSON description of the cluster (its URL, the instances' ports and
 *   pids) up to date, for scripts and tests.
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { fail, freePort } from './lib.ts'

const ROOT = resolve(import.meta.dirname, '..')
const BUILD = join(ROOT, '.output')
const NGINX_SITE = join(ROOT, 'deploy/nginx/comptoir.conf')
const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 35_000

const { values: options } = parseArgs({
  options: {
    instances: { type: 'string', default: '3' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    state: { type: 'string' },
  },
})
const count = Number(options.instances)
const port = Number(options.port)
if (!Number.isInteger(count) || count < 1 || count > 32) fail('--instances must be a whole number from 1 to 32')
if (!Number.isInteger(port) || port < 1 || port > 65_535) fail('--port must be a port number')
if (!process.env.DATABASE_URL) {
  fail('The cluster needs PostgreSQL: set DATABASE_URL (postgres://…). The embedded PGlite database belongs to one process, so it runs one instance only (npm start).')
}
const nginxBinary = findNginx()
const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`

// Every instance signs and checks the same tokens and writes the same links.
let jwtSecret = process.env.JWT_SECRET
if (!jwtSecret) {
  jwtSecret = randomBytes(48).toString('base64url')
  say('JWT_SECRET is not set: the instances share a random one for this run (sessions end when the cluster stops)')
}
const siteUrl = process.env.SITE_URL ?? url

if (!existsSync(join(BUILD, 'server/index.mjs'))) {
  say('no production build yet: running nuxt build')
  const build = spawnSync('npx', ['nuxt', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NUXT_TELEMETRY_DISABLED: '1' } })
  if (build.status !== 0) fail('nuxt build failed')
}

type InstanceState = 'starting' | 'up' | 'draining' | 'restarting'

interface Instance {
  index: number
  port: number
  state: InstanceState
  child?: ChildProcess
  /** Set while the cluster itself stops this instance: its exit is not a crash. */
  stopping: boolean
  exited: Promise<void>
}

const runDir = mkdtempSync(join(tmpdir(), 'comptoir-cluster-'))
// nginx's workers run as an unprivileged user when it is started as root: they need to reach their temp folders.
chmodSync(runDir, 0o755)
mkdirSync(join(runDir, 'comptoir'))
const instances: Instance[] = []
/** nginx, once the instances are ready. */
const balancer: { process?: ChildProcess, exited?: Promise<void> } = {}
/** The copy of `.output/` new instances start from (see takeRelease). */
let release = ''
let releases = 0
let shuttingDown = false
let restarting = false

function say(message: string) {
  console.info(`[cluster] ${message}`)
}

function findNginx() {
  const candidates = [process.env.NGINX_BIN, 'nginx', '/usr/sbin/nginx'].filter(Boolean) as string[]
  const found = candidates.find(candidate => spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0)
  if (!found) fail('nginx is not installed (Debian: apt-get install nginx-light), or set NGINX_BIN to its path.')
  return found
}

/**
 * Copies a child's output to ours, line by line: the instances' JSON log lines get an
 * `instance` field (they stay one JSON object per line), anything else a `[name]` prefix.
 */
function relay(child: ChildProcess, name: string) {
  for (const stream of [child.stdout!, child.stderr!]) {
    let pending = ''
    // Decoded as a stream: a character split between two chunks stays whole.
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n')
      pending = lines.pop()!
      for (const line of lines) {
        if (!line) continue
        process.stdout.write(/^\{".*\}$/.test(line) ? `{"instance":"${name}",${line.slice(1)}\n` : `[${name}] ${line}\n`)
      }
    })
  }
}

/**
 * Copies `.output/` into the run folder and makes it the build new instances start from;
 * answers the one it replaces. The migrations travel with it (they are found beside the server).
 */
function takeRelease() {
  const next = join(runDir, `release-${++releases}`)
  cpSync(BUILD, next, { recursive: true })
  const previous = release
  release = next
  return previous
}

function writeState() {
  if (!options.state) return
  const state = {
    url,
    pid: process.pid,
    nginx: { pid: balancer.process?.pid },
    instances: instances.map(instance => ({ index: instance.index, url: `http://127.0.0.1:${instance.port}`, pid: instance.child?.pid, state: instance.state })),
  }
  // Written whole, then renamed: a reader never sees half a file.
  writeFileSync(`${options.state}.tmp`, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(`${options.state}.tmp`, options.state)
}

function startInstance(instance: Instance) {
  if (shuttingDown) return
  const child = spawn(process.execPath, ['--max-old-space-size=384', join(release, 'server/index.mjs')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(instance.port),
      // One proxy in front: the client address is the last one nginx appended to X-Forwarded-For.
      TRUST_PROXY: '1',
      JWT_SECRET: jwtSecret,
      SITE_URL: siteUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own: a Ctrl-C or a hangup of the terminal reaches the cluster, which stops it in order.
    detached: true,
  })
  instance.child = child
  instance.stopping = false
  relay(child, `app-${instance.index}`)
  instance.exited = new Promise(resolve => child.once('exit', (code, signal) => {
    resolve()
    // Only the instance's current process counts: one replaced meanwhile, or stopped on purpose, did not crash.
    if (instance.child !== child || instance.stopping || shuttingDown) return
    say(`app-${instance.index} (pid ${child.pid}) exited (${signal ?? `code ${code}`}): starting it again; nginx routes around it meanwhile`)
    const outOfNginx = instance.state === 'draining'
    instance.state = 'restarting'
    writeState()
    setTimeout(() => void revive(instance, child, outOfNginx), 1000)
  }))
  writeState()
}

/**
 * Starts a crashed instance again, unless a rolling restart or the shutdown took it over
 * meanwhile. nginx kept it in its upstream (skipping it while it failed), unless it crashed
 * while taken out for a restart: then it goes back in once ready.
 */
async function revive(instance: Instance, crashed: ChildProcess, outOfNginx: boolean) {
  if (shuttingDown || instance.child !== crashed || instance.stopping) return
  startInstance(instance)
  try {
    await waitReady(instance)
  }
  catch (error) {
    say((error as Error).message)
    return
  }
  instance.state = 'up'
  if (outOfNginx) {
    writeUpstream()
    await reloadNginx()
  }
  writeState()
  say(`app-${instance.index} is back (pid ${instance.child?.pid})`)
}

async function waitReady(instance: Instance) {
  const child = instance.child!
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`app-${instance.index} exited while starting`)
    const ready = await fetch(`http://127.0.0.1:${instance.port}/api/health/ready`).then(r => r.ok, () => false)
    if (ready) return
    await sleep(200)
  }
  throw new Error(`app-${instance.index} was not ready within ${READY_TIMEOUT_MS / 1000} s`)
}

async function stopInstance(instance: Instance) {
  instance.stopping = true
  const child = instance.child
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
  await instance.exited
  clearTimeout(killer)
}

/** The instances nginx sends requests to; one being restarted is marked `down`. */
function writeUpstream() {
  const lines = instances.map(instance => `server 127.0.0.1:${instance.port} max_fails=1 fail_timeout=2s${instance.state === 'draining' ? ' down' : ''};`)
  writeFileSync(join(runDir, 'comptoir/upstream.conf'), `${lines.join('\n')}\n`)
}

function writeNginxConfig() {
  writeUpstream()
  writeFileSync(join(runDir, 'comptoir/listen.conf'), `listen ${options.host}:${port};\n`)
  writeFileSync(join(runDir, 'nginx.conf'), [
    'daemon off;',
    'worker_processes auto;',
    `pid ${join(runDir, 'nginx.pid')};`,
    'error_log stderr warn;',
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(kind => `  ${kind}_temp_path ${join(runDir, `${kind}_temp`)};`),
    `  include ${NGINX_SITE};`,
    '}',
    '',
  ].join('\n'))
}

/** nginx re-reads its configuration on SIGHUP: new workers take it, the old ones finish their requests. */
async function reloadNginx() {
  if (!balancer.process || shuttingDown) return
  balancer.process.kill('SIGHUP')
  await sleep(1000)
}

async function rollingRestart() {
  if (restarting || shuttingDown) return
  if (instances.length < 2) {
    say('a rolling restart needs two instances or more (with one, nginx would have none to send requests to): restart the cluster instead')
    return
  }
  restarting = true
  let previous: string | undefined
  try {
    previous = takeRelease()
    say('rolling restart on a fresh copy of .output/: one instance at a time')
    for (const instance of instances) {
      instance.state = 'draining'
      writeUpstream()
      await reloadNginx()
      await stopInstance(instance)
      if (shuttingDown) return
      instance.state = 'starting'
      startInstance(instance)
      await waitReady(instance)
      if (shuttingDown) return
      instance.state = 'up'
      writeUpstream()
      await reloadNginx()
      writeState()
      say(`app-${instance.index} restarted (pid ${instance.child?.pid})`)
    }
    rmSync(previous, { recursive: true, force: true })
    say('rolling restart done')
  }
  catch (error) {
    // The crash handling starts again what failed to start, on the release that worked; nothing stays out of nginx.
    say(`rolling restart stopped: ${(error as Error).message}`)
    if (previous) release = previous
    for (const instance of instances) if (instance.state === 'draining') instance.state = 'up'
    writeUpstream()
    await reloadNginx()
    writeState()
  }
  finally {
    restarting = false
  }
}

async function shutdown(code = 0) {
  if (shuttingDown) {
    for (const instance of instances) instance.child?.kill('SIGKILL')
    balancer.process?.kill('SIGKILL')
    process.exit(1)
  }
  shuttingDown = true
  say('stopping')
  // nginx first, gracefully (SIGQUIT: it finishes the requests it holds), then the instances.
  balancer.process?.kill('SIGQUIT')
  await Promise.all([balancer.exited, ...instances.map(stopInstance)])
  rmSync(runDir, { recursive: true, force: true })
  if (options.state) rmSync(options.state, { force: true })
  process.exit(code)
}

process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())
process.on('SIGHUP', () => void rollingRestart())

takeRelease()
for (let index = 1; index <= count; index++) {
  const instance: Instance = { index, port: await freePort(), state: 'starting', stopping: false, exited: Promise.resolve() }
  instances.push(instance)
  startInstance(instance)
}
try {
  // The first instance migrates the database (the others wait for its lock, then find nothing to do).
  await Promise.all(instances.map(waitReady))
}
catch (error) {
  say((error as Error).message)
  await shutdown(1)
}
for (const instance of instances) instance.state = 'up'

writeNginxConfig()
const nginx = spawn(nginxBinary, ['-p', runDir, '-c', join(runDir, 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true })
balancer.process = nginx
balancer.exited = new Promise(resolve => nginx.once('exit', () => resolve()))
relay(nginx, 'nginx')
nginx.once('exit', (code, signal) => {
  if (shuttingDown) return
  say(`nginx exited (${signal ?? `code ${code}`})`)
  void shutdown(1)
})
const deadline = Date.now() + 10_000
while (!(await fetch(`${url}/api/health/ready`).then(r => r.ok, () => false))) {
  if (Date.now() > deadline) {
    say('nginx did not answer')
    await shutdown(1)
  }
  await sleep(100)
}
writeState()
say(`${count} instance${count > 1 ? 's' : ''} behind nginx at ${url} (ports ${instances.map(i => i.port).join(', ')}); Ctrl-C stops, kill -HUP ${process.pid} restarts them one at a time`)
