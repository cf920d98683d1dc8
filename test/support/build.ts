import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')
export const SERVER_ENTRY = join(ROOT, '.output/server/index.mjs')
/** `npm run preview:edge`: the edge bundle in workerd. */
export const EDGE_PREVIEW = join(ROOT, 'scripts/preview-edge.ts')

const SOURCES = ['app.vue', 'app.config.ts', 'error.vue', 'nuxt.config.ts', 'package-lock.json', 'assets', 'components', 'composables', 'drizzle', 'layouts', 'middleware', 'pages', 'plugins', 'public', 'router.options.ts', 'server', 'shared', 'stores', 'utils']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map(entry => newestMtime(join(path, entry))))
}

/** Tests run against the production build; it is (re)built when a source is newer than it. */
export function ensureBuild() {
  ensureBuildOf(ROOT, SOURCES)
}

/** The edge bundle (`npm run build:edge`, .output-edge/), rebuilt the same way. */
export function ensureEdgeBuild() {
  ensureBuildOf(ROOT, SOURCES, { output: '.output-edge', envName: 'edge' })
}

/** Builds the Nuxt app in `root` unless its output is newer than every one of `sources` (paths relative to root). */
export function ensureBuildOf(root: string, sources: string[], { output = '.output', envName }: { output?: string, envName?: string } = {}) {
  const built = join(root, output, 'nitro.json')
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0
  const sourcesAt = Math.max(...sources.map(source => newestMtime(join(root, source))))
  if (builtAt > sourcesAt) return
  console.info(`[build] building ${root === ROOT ? `the ${envName ?? 'production'} server` : root} (sources changed since the last build)…`)
  const result = spawnSync('npx', ['nuxt', 'build', root, ...envName ? ['--envName', envName] : []], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NUXT_TELEMETRY_DISABLED: '1' } })
  if (result.status !== 0) throw new Error('nuxt build failed')
}
