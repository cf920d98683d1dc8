/**
 * npm run preview:edge: the edge bundle (`npm run build:edge`, in .output-edge/) served by
 * workerd through `wrangler dev`, offline, on PORT (8787) and HOST (127.0.0.1). The
 * configuration is the Node server's, read from this environment and handed to the Worker
 * as its variables; DATABASE_URL must name a PostgreSQL database already migrated
 * (`npm run db:migrate`): the edge build has no embedded database and migrates nothing.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { CONFIG_VARIABLES } from '../server/lib/config.ts'
import { fail } from './lib.ts'

const ROOT = resolve(import.meta.dirname, '..')
const CONFIG = resolve(ROOT, '.output-edge/server/wrangler.json')
/** What the server reads from its environment (server/lib/config.ts), passed on when set; wrangler takes the port itself. */
const VARIABLES = CONFIG_VARIABLES.filter(name => name !== 'PORT')

if (!existsSync(CONFIG)) fail('No edge bundle: run `npm run build:edge` first.')
if (!process.env.DATABASE_URL?.startsWith('postgres')) fail('DATABASE_URL must name a PostgreSQL database (migrated with `npm run db:migrate`): the edge build has no embedded one.')

const port = process.env.PORT ?? '8787'
/** Where Miniflare keeps the local D1/KV/R2 (the photos' bucket): .wrangler/state unless EDGE_STATE_DIR says. */
const state = resolve(process.env.EDGE_STATE_DIR ?? resolve(ROOT, '.wrangler/state'))
const host = process.env.HOST ?? '127.0.0.1'
const vars = VARIABLES.flatMap(name => process.env[name] ? ['--var', `${name}:${process.env[name]}`] : [])
const wrangler = spawn(process.execPath, [resolve(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'dev', '--config', CONFIG, '--port', port, '--ip', host, '--test-scheduled', '--persist-to', state, ...vars], {
  cwd: ROOT,
  stdio: 'inherit',
  // Offline: no account lookups, no request.cf data fetched, no metrics.
  env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => wrangler.kill(signal))
wrangler.on('exit', code => process.exit(code ?? 0))
