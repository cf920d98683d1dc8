/**
 * `npm run bench [-- --pglite] [-- --seconds 10] [-- --edge] [-- --instances 3]`: the production
 * build on a fresh, seeded database, driven by autocannon scenario after scenario, each beside a
 * bare baseline on the same data (with --edge, the read and page scenarios on the edge bundle in
 * workerd too; with --instances N, the read, page and order scenarios through N instances behind
 * nginx, `npm run cluster`, with each process's CPU use).
 * Prints a table per scenario and writes the figures to bench/results/.
 */
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Request } from 'autocannon'
import { eq, inArray, like, sql } from 'drizzle-orm'
import { products, users } from '../drizzle/schema/index.ts'
import { openDatabase } from '../server/database/client.ts'
import type { DatabaseOptions } from '../server/database/client.ts'
import { migrateDatabase } from '../server/database/migrate.ts'
import { ensureBuild, ensureBuildOf, ensureEdgeBuild, ROOT } from '../test/support/build.ts'
import { startCluster } from '../test/support/cluster.ts'
import { createTestDatabase } from '../test/support/database.ts'
import { startServer } from '../test/support/server.ts'
import type { RunningServer } from '../test/support/server.ts'
import { firstLoadJs } from './first-load.ts'
import { lighthouse } from './lighthouse.ts'
import { drive } from './load.ts'
import type { Load, Measure } from './load.ts'
import { formatScenario, formatSummary, lighthouseTargets, targetsOf } from './report.ts'
import type { ScenarioKind, ScenarioResult } from './report.ts'
import { BENCH_PASSWORD, BENCH_SHIPPING, BENCH_SIZES, buyerEmail, HOT_SKUS, HOT_STOCK, KINDS, seedBench } from './seed.ts'

const { values: args } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '10' },
    only: { type: 'string' },
    // --no-lighthouse skips the Lighthouse audits (about a minute and a half).
    lighthouse: { type: 'boolean', default: true },
    // --edge: the read and page scenarios on the edge bundle (npm run preview:edge) as well; PostgreSQL only.
    edge: { type: 'boolean', default: false },
    // --instances N: the read, page and order scenarios through N instances behind nginx as well; PostgreSQL only.
    instances: { type: 'string', default: '0' },
  },
  allowNegative: true,
})
/** `--only 3e,4a`: those scenarios alone (while working on them); the README's figures come from full runs. */
const ONLY = args.only?.split(',').map(id => id.trim())
const SECONDS = Number(args.seconds)
if (!Number.isInteger(SECONDS) || SECONDS < 1) {
  console.error(`--seconds takes a whole number of seconds, at least 1 (got ${args.seconds})`)
  process.exit(1)
}
const INSTANCES = Number(args.instances)
if (!Number.isInteger(INSTANCES) || INSTANCES < 0 || INSTANCES > 32 || INSTANCES === 1) {
  console.error(`--instances takes the number of instances behind the balancer, 2 to 32 (got ${args.instances})`)
  process.exit(1)
}
const WARMUP_SECONDS = 2
/** The V8 flags of `npm start`, read from package.json so that the bench runs the server as production does. */
const PRODUCTION_NODE_OPTIONS = /^node ((?:--\S+ )*)/.exec(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start)?.[1]?.trim() ?? ''
const READ_CONNECTIONS = 50
const WRITE_CONNECTIONS = 50
/** Each sign-in holds 19 MiB and a thread of libuv's pool of 4 for argon2: 10 at once already queue. */
const SIGN_IN_CONNECTIONS = 10
/** Buyers signed in before the order scenarios (argon2 makes each sign-in cost tens of milliseconds). */
const BUYERS = 200
const API_PAGE_SIZE = 20
const STOREFRONT_PAGE_SIZE = 12
const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres'
/** The repeat-visit scenarios: the first catalog pages and the products most visited. */
const HOT_PAGES = 20
const HOT_PRODUCTS = 200

const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`
const log = (message: string) => console.info(`[bench ${elapsed()}] ${message}`)

const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1))
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!
/** Draws without putting back (reshuffled once all are drawn): a "fresh page" scenario asks for each page once before any comes again. */
function deck<T>(items: T[]) {
  let order: T[] = []
  return () => {
    if (order.length === 0) order = items.map(item => ({ item, key: Math.random() })).sort((a, b) => a.key - b.key).map(({ item }) => item)
    return order.pop()!
  }
}
const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1)

// 1. The production build, remade when a source changed since the last one, and the bare-Nuxt floor's.
const FLOOR = join(ROOT, 'bench/baselines/nuxt-floor')
ensureBuild()
ensureBuildOf(FLOOR, ['nuxt.config.ts', 'app', 'server', '../markup.ts', '../database.ts', '../../../utils/classes.ts'])
if ((args.edge || INSTANCES > 0) && args.pglite) {
  console.error('--edge and --instances need PostgreSQL: the embedded database belongs to one process')
  process.exit(1)
}
if (args.edge) ensureEdgeBuild()
log(`production builds ready (the shop${args.edge ? ', its edge bundle' : ''} and the bare-Nuxt floor)`)

// 2. A fresh database: PostgreSQL beside DATABASE_URL's (or the local server), or PGlite in a temporary directory.
if (args.pglite) delete process.env.DATABASE_URL
else process.env.DATABASE_URL ||= DEFAULT_POSTGRES
const database = await createTestDatabase('bench')
const servers: { stop: () => Promise<unknown> }[] = []
let cleanedUp = false
async function cleanUp() {
  if (cleanedUp) return
  cleanedUp = true
  await Promise.all(servers.map(server => server.stop()))
  await database.drop()
}
process.once('SIGINT', () => cleanUp().finally(() => process.exit(130)))

/** Where a server's data lives: the shared PostgreSQL database, or its own PGlite directory. */
const location = (cwd: string): DatabaseOptions => ({ url: database.url, dataDir: join(cwd, '.data/pglite') })
const baselineCwd = { api: join(database.cwd, 'api-baseline'), ssr: join(database.cwd, 'ssr-baseline'), floor: join(database.cwd, 'nuxt-floor') }

try {
  // 3. Seed, and keep what the scenarios draw from: product ids, hot products, buyers.
  const seedStarted = Date.now()
  const handle = openDatabase(location(database.cwd))
  await migrateDatabase(handle, location(database.cwd), join(ROOT, 'drizzle/migrations'))
  await seedBench(handle.db)
  const productIds = (await handle.db.select({ id: products.id }).from(products).where(like(products.sku, 'BENCH-P%'))).map(row => row.id)
  const hot = Object.fromEntries((await handle.db.select({ id: products.id, sku: products.sku }).from(products)
    .where(inArray(products.sku, Object.values(HOT_SKUS)))).map(row => [row.sku, row.id]))
  const buyerIds = (await handle.db.select({ id: users.id }).from(users).where(like(users.email, '%@bench.comptoir.example')).limit(BUYERS)).map(row => row.id)
  await handle.close()
  const seedSeconds = (Date.now() - seedStarted) / 1000
  log(`seeded ${BENCH_SIZES.products} products, ${BENCH_SIZES.users} users, ${BENCH_SIZES.orders} orders in ${seedSeconds.toFixed(1)} s on ${database.url ? 'PostgreSQL' : 'PGlite'}`)

  // 4. The shop and the three baselines; on PGlite each baseline gets a copy of the seeded data.
  const baselineEnv = (cwd: string) => {
    mkdirSync(cwd, { recursive: true })
    if (database.url) return { DATABASE_URL: database.url }
    cpSync(location(database.cwd).dataDir, location(cwd).dataDir, { recursive: true })
    return { BENCH_PGLITE_DIR: location(cwd).dataDir }
  }
  const apiBaselineEnv = baselineEnv(baselineCwd.api)
  const ssrBaselineEnv = baselineEnv(baselineCwd.ssr)
  const floorEnv = baselineEnv(baselineCwd.floor)
  // The heap limit `npm start` sets (see the README's Performance section): measured as it is run.
  const app = await startServer({ cwd: database.cwd, env: { DATABASE_URL: database.url, RATE_LIMIT: 'off', LOG_LEVEL: 'warn', NODE_OPTIONS: PRODUCTION_NODE_OPTIONS } })
  servers.push(app)
  const apiBaseline = await startServer({ cwd: baselineCwd.api, env: apiBaselineEnv, entry: join(ROOT, 'bench/baselines/api.ts'), waitFor: '/api/products?limit=1' })
  servers.push(apiBaseline)
  const ssrBaseline = await startServer({ cwd: baselineCwd.ssr, env: ssrBaselineEnv, entry: join(ROOT, 'bench/baselines/ssr.ts'), waitFor: '/products' })
  servers.push(ssrBaseline)
  const floor = await startServer({ cwd: baselineCwd.floor, env: floorEnv, entry: join(FLOOR, '.output/server/index.mjs'), waitFor: '/products' })
  servers.push(floor)
  log(`shop on ${app.url}, API baseline on ${apiBaseline.url}, SSR baseline on ${ssrBaseline.url}, bare-Nuxt floor on ${floor.url}`)
  // The edge bundle in workerd, on the same database and JWT secret (the buyers' cookies work there too); its memory is workerd's.
  if (args.edge) mkdirSync(join(database.cwd, 'edge'), { recursive: true })
  const edge = args.edge ? await startServer({ cwd: join(database.cwd, 'edge'), edge: true, env: { DATABASE_URL: database.url, RATE_LIMIT: 'off', LOG_LEVEL: 'warn' } }) : undefined
  if (edge) servers.push(edge)
  const edgePid = edge ? Number(execFileSync('pgrep', ['-n', 'workerd']).toString().trim()) : undefined
  if (edge) log(`edge bundle in workerd (pid ${edgePid}) on ${edge.url}`)
  const listPages = Math.ceil(BENCH_SIZES.products / API_PAGE_SIZE)
  const keywordPages = Math.ceil(BENCH_SIZES.products / KINDS.length / API_PAGE_SIZE)
  const storefrontPages = Math.ceil(BENCH_SIZES.products / STOREFRONT_PAGE_SIZE)
  const address = { full_name: 'Bench Buyer', line1: '1 rue du Banc', postcode: '75001', city: 'Paris', country: 'FR' }
  // The delivery every benchmark order takes (bench/seed.ts), as checkout would offer it.
  const shippingMethodId = await benchShippingMethod(app.url, productIds[0]!)
  const orderLines = () => {
    const chosen = new Set<string>()
    const count = between(1, 3)
    while (chosen.size < count) chosen.add(pick(productIds))
    return [...chosen].map(id => ({ product_id: id, quantity: between(1, 3) }))
  }
  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Request => ({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  /** Each page once, as earlier visitors would have asked for it: the page cache holds them. */
  const warm = async (paths: string[], cookie?: string) => {
    for (const path of paths) await fetch(app.url + path, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } }).then(res => res.arrayBuffer())
  }
  let buyerCookies: string[] = []
  const asBuyer = (body: unknown) => post('/api/orders', body, { 'cookie': pick(buyerCookies), 'origin': app.url, 'idempotency-key': randomUUID() })
  const asBaselineBuyer = (body: object) => post('/api/orders', { ...body, user_id: pick(buyerIds) })
  const page = (path: string, cookie?: string): Request => ({ method: 'GET', path, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } })
  const drawPage = <T>(items: T[], path: (item: T) => string) => {
    const draw = deck(items)
    return () => page(path(draw()))
  }
  /** Signs the buyers in (once) and fills each one's saved cart with two products. */
  const buyersWithCarts = async () => {
    if (buyerCookies.length > 0) return
    buyerCookies = await signInBuyers(app)
    for (const cookie of buyerCookies) {
      const saved = await fetch(`${app.url}/api/cart`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'origin': app.url, cookie },
        body: JSON.stringify({ items: [{ product_id: pick(productIds), quantity: 1 }, { product_id: hot[HOT_SKUS.app]!, quantity: 1 }] }),
      })
      if (saved.status !== 200) throw new Error(`saving a cart failed: ${saved.status}`)
    }
    log(`${buyerCookies.length} buyers signed in, each with a cart of two products`)
  }
  const signIn = () => post('/api/auth/login', { email: buyerEmail(between(1, BENCH_SIZES.users)), password: BENCH_PASSWORD })

  interface Scenario {
    id: string
    title: string
    kind: ScenarioKind
    connections: number
    /** Unmeasured seconds first: JIT, pools and caches warm, as on a server that has been up a while. */
    warmup: boolean
    expected: number[]
    app: () => Request
    baseline: { server: RunningServer, next: () => Request }
    /** Pages only: the same requests to the bare-Nuxt floor. */
    floor?: () => Request
    before?: () => Promise<void>
  }

  const scenarios: Scenario[] = [
    {
      id: '1a', title: `GET /api/products?page=N (N random of ${listPages})`, kind: 'api-read', connections: READ_CONNECTIONS, warmup: true, expected: [200],
      app: () => ({ method: 'GET', path: `/api/products?page=${between(1, listPages)}` }),
      baseline: { server: apiBaseline, next: () => ({ method: 'GET', path: `/api/products?page=${between(1, listPages)}` }) },
    },
    {
      id: '1b', title: `GET /api/products?keyword=K&page=N (K one of ${KINDS.length} words, each in 1/${KINDS.length} of the names)`, kind: 'api-read', connections: READ_CONNECTIONS, warmup: true, expected: [200],
      app: () => ({ method: 'GET', path: `/api/products?keyword=${pick(KINDS)}&page=${between(1, keywordPages)}` }),
      baseline: { server: apiBaseline, next: () => ({ method: 'GET', path: `/api/products?keyword=${pick(KINDS)}&page=${between(1, keywordPages)}` }) },
    },
    {
      id: '2', title: `GET /api/products/:id (random of ${productIds.length})`, kind: 'api-read', connections: READ_CONNECTIONS, warmup: true, expected: [200],
      app: () => ({ method: 'GET', path: `/api/products/${pick(productIds)}` }),
      baseline: { server: apiBaseline, next: () => ({ method: 'GET', path: `/api/products/${pick(productIds)}` }) },
    },
    {
      id: '3a', title: `SSR GET /products?page=N (each N of ${storefrontPages} once before any again: pages > 100 are never cached)`, kind: 'page', connections: READ_CONNECTIONS, warmup: true, expected: [200],
      app: drawPage(numbers(storefrontPages), n => `/products?page=${n}`),
      baseline: { server: ssrBaseline, next: drawPage(numbers(storefrontPages), n => `/products?page=${n}`) },
      floor: drawPage(numbers(storefrontPages), n => `/products?page=${n}`),
    },
    {
      id: '3b', title: `SSR GET /products/:id (each of ${productIds.length} once before any again: every page rendered)`, kind: 'page', connections: READ_CONNECTIONS, warmup: true, expected: [200],
      app: drawPage(productIds, id => `/products/${id}`),
      baseline: { server: ssrBaseline, next: drawPage(productIds, id => `/products/${id}`) },
      floor: drawPage(productIds, id => `/products/${id}`),
    },
    {
      id: '3c', title: `SSR GET /products?page=N, repeat visits without cookies (N of the first ${HOT_PAGES}, page cache warm)`, kind: 'page', connections: READ_CONNECTIONS, warmup: true, expected: [200],
      before: () => warm(Array.from({ length: HOT_PAGES }, (_, i) => `/products?page=${i + 1}`)),
      app: () => page(`/products?page=${between(1, HOT_PAGES)}`),
      baseline: { server: ssrBaseline, next: () => page(`/products?page=${between(1, HOT_PAGES)}`) },
      floor: () => page(`/products?page=${between(1, HOT_PAGES)}`),
    },
    {
      id: '3d', title: `SSR GET /products/:id, repeat visits without cookies (${HOT_PRODUCTS} popular products, page cache warm)`, kind: 'page', connections: READ_CONNECTIONS, warmup: true, expected: [200],
      before: () => warm(productIds.slice(0, HOT_PRODUCTS).map(id => `/products/${id}`)),
      app: () => page(`/products/${pick(productIds.slice(0, HOT_PRODUCTS))}`),
      baseline: { server: ssrBaseline, next: () => page(`/products/${pick(productIds.slice(0, HOT_PRODUCTS))}`) },
      floor: () => page(`/products/${pick(productIds.slice(0, HOT_PRODUCTS))}`),
    },
    {
      id: '3e', title: `SSR GET /products?page=N for a signed-in customer with a cart (${BUYERS} buyers, N random of ${storefrontPages})`, kind: 'page', connections: READ_CONNECTIONS, warmup: true, expected: [200],
      before: buyersWithCarts,
      app: () => page(`/products?page=${between(1, storefrontPages)}`, pick(buyerCookies)),
      baseline: { server: ssrBaseline, next: () => page(`/products?page=${between(1, storefrontPages)}`, 'signed-in=1') },
      floor: () => page(`/products?page=${between(1, storefrontPages)}`, 'signed-in=1'),
    },
    {
      id: '3f', title: `SSR GET /products/:id for a signed-in customer with a cart (${BUYERS} buyers, random of ${productIds.length})`, kind: 'page', connections: READ_CONNECTIONS, warmup: true, expected: [200],
      before: buyersWithCarts,
      app: () => page(`/products/${pick(productIds)}`, pick(buyerCookies)),
      baseline: { server: ssrBaseline, next: () => page(`/products/${pick(productIds)}`, 'signed-in=1') },
      floor: () => page(`/products/${pick(productIds)}`, 'signed-in=1'),
    },
    {
      id: '3g', title: `SSR GET /fr/products/:id, the French page (each of ${productIds.length} once before any again: every page rendered)`, kind: 'page', connections: READ_CONNECTIONS, warmup: true, expected: [200],
      app: drawPage(productIds, id => `/fr/products/${id}`),
      baseline: { server: ssrBaseline, next: drawPage(productIds, id => `/products/${id}`) },
    },
    {
      id: '3h', title: `SSR GET /fr/products/:id, repeat visits with a chosen theme (${HOT_PRODUCTS} popular products, page cache warm)`, kind: 'page', connections: READ_CONNECTIONS, warmup: true, expected: [200],
      before: () => warm(productIds.slice(0, HOT_PRODUCTS).map(id => `/fr/products/${id}`), 'comptoir_theme=dark'),
      app: () => page(`/fr/products/${pick(productIds.slice(0, HOT_PRODUCTS))}`, 'comptoir_theme=dark'),
      baseline: { server: ssrBaseline, next: () => page(`/products/${pick(productIds.slice(0, HOT_PRODUCTS))}`) },
    },
    {
      id: '4a', title: `POST /api/orders with a delivery by weight, ${BUYERS} buyers, 1-3 lines over ${productIds.length} products`, kind: 'write', connections: WRITE_CONNECTIONS, warmup: true, expected: [201],
      before: buyersWithCarts,
      app: () => asBuyer({ items: orderLines(), address, shipping_method_id: shippingMethodId }),
      baseline: { server: apiBaseline, next: () => asBaselineBuyer({ items: orderLines(), address, shipping_method_id: shippingMethodId }) },
    },
    {
      id: '4b', title: `POST /api/orders, hot product: all buyers race for ${HOT_STOCK} units (409 once sold out)`, kind: 'write', connections: WRITE_CONNECTIONS, warmup: false, expected: [201, 409],
      app: () => asBuyer({ items: [{ product_id: hot[HOT_SKUS.app]!, quantity: between(1, 3) }], address, shipping_method_id: shippingMethodId }),
      baseline: { server: apiBaseline, next: () => asBaselineBuyer({ items: [{ product_id: hot[HOT_SKUS.baseline]!, quantity: between(1, 3) }], address, shipping_method_id: shippingMethodId }) },
    },
    {
      id: '5', title: `POST /api/auth/login, random of ${BENCH_SIZES.users} buyers (argon2id, 19 MiB, t=2)`, kind: 'sign-in', connections: SIGN_IN_CONNECTIONS, warmup: true, expected: [200],
      app: () => ({ ...signIn(), headers: { 'content-type': 'application/json', 'origin': app.url } }),
      baseline: { server: apiBaseline, next: signIn },
    },
  ]

  // 5. Each scenario on the shop, then on its baseline, then (pages) on the bare-Nuxt floor.
  const results: ScenarioResult[] = []
  /** A scenario's load on one server: unmeasured warm-up, then the measured run. */
  const measure = async (scenario: Scenario, load: Pick<Load, 'url' | 'next' | 'pid' | 'cpuPids'>): Promise<Measure> => {
    const full = { ...load, connections: scenario.connections, expected: scenario.expected }
    if (scenario.warmup) await drive({ ...full, seconds: WARMUP_SECONDS })
    return drive({ ...full, seconds: SECONDS })
  }
  for (const scenario of scenarios.filter(s => !ONLY || ONLY.includes(s.id))) {
    await scenario.before?.()
    const run = (server: RunningServer, next: () => Request, pid = server.process.pid!) => measure(scenario, { url: server.url, next, pid })
    const appMeasure = await run(app, scenario.app)
    const baselineMeasure = await run(scenario.baseline.server, scenario.baseline.next)
    const floorMeasure = scenario.floor ? await run(floor, scenario.floor) : undefined
    const edgeMeasure = edge && (scenario.kind === 'api-read' || scenario.kind === 'page') ? await run(edge, scenario.app, edgePid) : undefined
    const result: ScenarioResult = {
      id: scenario.id,
      title: scenario.title,
      kind: scenario.kind,
      connections: scenario.connections,
      seconds: SECONDS,
      app: appMeasure,
      baseline: baselineMeasure,
      ratio: Math.round(appMeasure.rps / baselineMeasure.rps * 100) / 100,
      ...(floorMeasure ? { floor: floorMeasure, floorRatio: Math.round(appMeasure.rps / floorMeasure.rps * 100) / 100 } : {}),
      ...(edgeMeasure ? { edge: edgeMeasure, edgeRatio: Math.round(edgeMeasure.rps / appMeasure.rps * 100) / 100 } : {}),
    }
    results.push(result)
    console.info(`\n${formatScenario(result)}\n`)
  }

  // 6. First-load JavaScript of the storefront (what a first visit downloads, gzipped).
  const firstLoad = [await firstLoadJs(app.url, '/'), await firstLoadJs(app.url, `/products/${pick(productIds)}`)]
  for (const f of firstLoad) log(`first-load JS of ${f.path}: ${f.files} files, ${(f.bytes / 1024).toFixed(1)} KiB, ${(f.gzipBytes / 1024).toFixed(1)} KiB gzip, ${(f.servedBytes / 1024).toFixed(1)} KiB as served (brotli)`)

  // 7. Lighthouse's mobile audit of the three storefront pages a visitor lands on.
  const audits = args.lighthouse
    ? ['/', '/products', `/products/${pick(productIds)}`].map(path => lighthouse(app.url, path)).filter(run => run !== undefined)
    : []
  for (const audit of audits) {
    const { performance, accessibility, 'best-practices': bestPractices, seo } = audit.scores
    log(`Lighthouse (mobile) of ${audit.path}: performance ${performance}, total blocking time ${audit.totalBlockingTimeMs} ms, accessibility ${accessibility}, best practices ${bestPractices}, SEO ${seo}`)
  }

  // 7b. With --instances N: the single server stopped (it would take its part of the work the
  // cluster's orders make: every NOTIFY, the mail outbox), the read, page and order scenarios
  // again through N instances behind nginx on the same database and JWT secret (the buyers'
  // cookies work there too), each process's CPU use measured.
  if (INSTANCES > 0) {
    await app.stop()
    servers.splice(servers.indexOf(app), 1)
    mkdirSync(join(database.cwd, 'cluster'), { recursive: true })
    const cluster = await startCluster({ cwd: join(database.cwd, 'cluster'), instances: INSTANCES, env: { DATABASE_URL: database.url, RATE_LIMIT: 'off', LOG_LEVEL: 'warn' } })
    servers.push(cluster)
    const state = cluster.state()
    /** CPU is reported per instance, then for nginx's workers together. */
    const pids = [...state.instances.map(instance => instance.pid), ...execFileSync('pgrep', ['-P', String(state.nginx.pid)]).toString().trim().split('\n').map(Number)]
    log(`${INSTANCES} instances behind nginx on ${cluster.url} (pids ${state.instances.map(i => i.pid).join(', ')})`)
    for (const result of results.filter(r => r.kind === 'api-read' || r.kind === 'page' || r.id === '4a')) {
      const scenario = scenarios.find(s => s.id === result.id)!
      result.cluster = await measure(scenario, {
        url: cluster.url,
        // Writes name the site they come from: through the balancer, its origin.
        next: () => {
          const request = scenario.app()
          return request.headers?.origin ? { ...request, headers: { ...request.headers, origin: cluster.url } } : request
        },
        pid: pids[0]!,
        cpuPids: pids,
      })
      result.instances = INSTANCES
      result.clusterRatio = Math.round(result.cluster.rps / result.app.rps * 100) / 100
      console.info(`\n${formatScenario(result)}\n`)
    }
  }

  // 8. Stop the servers (PGlite is read by one process at a time), then check the hot products' books.
  await Promise.all(servers.splice(0).map(server => server.stop()))
  const hotRun = results.find(r => r.id === '4b')
  const checks = hotRun
    ? [
        await checkHotProduct(location(database.cwd), HOT_SKUS.app, hotRun.app.statuses['201'] ?? 0),
        await checkHotProduct(location(baselineCwd.api), HOT_SKUS.baseline, hotRun.baseline.statuses['201'] ?? 0),
      ]
    : []
  for (const check of checks) {
    log(`${check.sku}: ${check.ok ? 'consistent' : 'INCONSISTENT'}: ${HOT_STOCK} - ${check.stock} in stock = ${HOT_STOCK - check.stock} lost, ${check.sold} sold in ${check.orders} orders (${check.created} answered 201), ledger sums to ${check.ledger} with ${check.ledgerSold} taken by orders`)
  }

  console.info(`\n${formatSummary(results)}\n`)
  const missed = [
    ...results.flatMap(r => targetsOf(r).filter(t => !t.met).map(t => `${r.id} ${t.name}`)),
    ...audits.flatMap(audit => lighthouseTargets(audit).filter(t => !t.met).map(t => `Lighthouse ${audit.path} ${t.name}`)),
  ]
  console.info(missed.length === 0 ? 'All targets met.' : `Targets missed: ${missed.join('; ')}`)
  log(`done in ${elapsed()} (measured on ${cpus().length} CPUs, Node ${process.version})`)

  const stamp = new Date().toISOString().replace(/[:T]/g, '-').slice(0, 16)
  const file = join(ROOT, 'bench/results', `${stamp}-${database.url ? 'postgres' : 'pglite'}.json`)
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
  writeFileSync(file, JSON.stringify({
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
    database: database.url ? 'postgresql' : 'pglite',
    sizes: BENCH_SIZES,
    seedSeconds,
    secondsPerRun: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    scenarios: results.map(r => ({ ...r, targets: targetsOf(r) })),
    firstLoadJs: firstLoad,
    lighthouse: audits.map(audit => ({ ...audit, targets: lighthouseTargets(audit) })),
    hotProductChecks: checks,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  }, null, 2) + '\n')
  log(`figures written to ${file}`)
  if (checks.some(check => !check.ok)) process.exitCode = 1
}
finally {
  await cleanUp()
}

/** The id of the benchmark's shipping method, as the shop's delivery quote names it. */
async function benchShippingMethod(base: string, productId: string) {
  const res = await fetch(`${base}/api/shipping/quote`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: [{ product_id: productId, quantity: 1 }], country: 'FR' }) })
  const { data } = await res.json() as { data: { options: { id: string, name: string }[] } }
  const method = data.options.find(option => option.name === BENCH_SHIPPING)
  if (!method) throw new Error(`no "${BENCH_SHIPPING}" delivery offered: was the database seeded by bench/seed.ts?`)
  return method.id
}

/** Signs buyers in, a few at a time; returns the cookies a browser would send to /api/orders. */
async function signInBuyers(server: RunningServer) {
  const cookies: string[] = []
  for (let first = 1; first <= BUYERS; first += 10) {
    const batch = Array.from({ length: Math.min(10, BUYERS - first + 1) }, (_, i) => first + i)
    cookies.push(...await Promise.all(batch.map(async (n) => {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'origin': server.url },
        body: JSON.stringify({ email: buyerEmail(n), password: BENCH_PASSWORD }),
      })
      if (response.status !== 200) throw new Error(`sign-in of ${buyerEmail(n)} failed: ${response.status}`)
      // The refresh cookie is scoped to /api/auth: a browser would not send it with an order.
      return response.headers.getSetCookie().filter(cookie => !/;\s*path=\/api\/auth/i.test(cookie)).map(cookie => cookie.split(';')[0]).join('; ')
    })))
  }
  return cookies
}

/** Stock lost by the hot product must be exactly what its orders took, and its ledger must say the same. */
async function checkHotProduct(where: DatabaseOptions, sku: string, created: number) {
  const handle = openDatabase(where)
  try {
    const [figures] = await handle.db.select({
      stock: products.stock,
      sold: sql`(select coalesce(sum(quantity), 0) from order_items where product_id = "products"."id")`.mapWith(Number),
      orders: sql`(select count(*) from order_items where product_id = "products"."id")`.mapWith(Number),
      ledger: sql`(select coalesce(sum(delta), 0) from stock_movements where product_id = "products"."id")`.mapWith(Number),
      ledgerSold: sql`(select coalesce(-sum(delta), 0) from stock_movements where product_id = "products"."id" and reason = 'order')`.mapWith(Number),
    }).from(products).where(eq(products.sku, sku))
    if (!figures) throw new Error(`no product ${sku}`)
    const ok = HOT_STOCK - figures.stock === figures.sold && figures.ledger === figures.stock && figures.ledgerSold === figures.sold && figures.orders === created
    return { sku, ...figures, created, ok }
  }
  finally {
    await handle.close()
  }
}
