import type { LighthouseRun } from './lighthouse.ts'
import type { Measure } from './load.ts'

export type ScenarioKind = 'api-read' | 'page' | 'write' | 'sign-in'

export interface ScenarioResult {
  id: string
  title: string
  kind: ScenarioKind
  connections: number
  seconds: number
  app: Measure
  baseline: Measure
  /** Comptoir's requests per second over the baseline's. */
  ratio: number
  /** Pages: the bare-Nuxt floor (bench/baselines/nuxt-floor), and Comptoir's rate over its rate. */
  floor?: Measure
  floorRatio?: number
  /** With --edge: the same requests to the edge bundle in workerd, and its rate over the Node server's. */
  edge?: Measure
  edgeRatio?: number
  /** With --instances N: the same requests through N instances behind nginx, and the rate over one instance's. */
  cluster?: Measure
  instances?: number
  clusterRatio?: number
}

/** Pages rendered fresh for each request (random pages, or a signed-in visitor), and the rate each must reach. */
const FRESH_PAGE_RPS: Record<string, number> = { '3a': 300, '3b': 350, '3e': 300, '3f': 350, '3g': 350 }

/**
 * The targets: API reads at half the bare baseline and under 100 ms at p99; fresh pages at
 * an absolute rate with p99 under 500 ms; pages asked for again at 40% of bare Vue SSR and
 * under 100 ms; orders at 0.6 of the bare baseline; no errors; the server under 400 MB.
 */
export function targetsOf(result: ScenarioResult) {
  const targets: { name: string, met: boolean }[] = []
  const freshRps = FRESH_PAGE_RPS[result.id]
  if (result.kind === 'api-read') targets.push({ name: 'ratio ≥ 0.50', met: result.ratio >= 0.5 }, { name: 'p99 < 100 ms', met: result.app.p99 < 100 })
  else if (freshRps) targets.push({ name: `≥ ${freshRps} req/s`, met: result.app.rps >= freshRps }, { name: 'p99 < 500 ms', met: result.app.p99 < 500 })
  else if (result.kind === 'page') targets.push({ name: 'ratio ≥ 0.40', met: result.ratio >= 0.4 }, { name: 'p99 < 100 ms', met: result.app.p99 < 100 })
  if (result.id === '4a') targets.push({ name: 'ratio ≥ 0.60', met: result.ratio >= 0.6 })
  targets.push({ name: 'no errors', met: result.app.errors === 0 }, { name: 'peak RSS ≤ 400 MB', met: result.app.peakRssMb <= 400 })
  return targets
}

function align(rows: string[][]) {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => row[column]!.length)))
  return rows.map(row => row.map((cell, column) => column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)).join('  ')).join('\n')
}

/** Answers that are right but not 2xx: a sold-out product's 409. */
function refusals(measure: Measure) {
  return Object.entries(measure.statuses).filter(([status]) => !status.startsWith('2')).map(([status, n]) => `${n} × ${status}`).join(', ')
}

export function formatScenario(result: ScenarioResult) {
  const row = (name: string, m: Measure) => [name, String(m.rps), m.p50.toFixed(0), m.p99.toFixed(0), String(m.errors), refusals(m) || '–', String(m.cacheHits), `${m.peakRssMb} MB`]
  const targets = targetsOf(result).map(t => `${t.met ? 'met' : 'MISSED'}: ${t.name}`).join(', ')
  return [
    `${result.id}  ${result.title}  (${result.connections} connections, ${result.seconds} s)`,
    align([
      ['server', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx answers', 'page-cache hits', 'peak RSS'],
      row('comptoir', result.app),
      row('bare baseline', result.baseline),
      ...(result.floor ? [row('bare-Nuxt floor', result.floor)] : []),
      ...(result.edge ? [row('edge bundle (workerd)', result.edge)] : []),
      ...(result.cluster ? [row(`${result.instances} instances + nginx`, result.cluster)] : []),
    ]).replace(/^/gm, '  '),
    `  ratio ${result.ratio.toFixed(2)}${result.floorRatio === undefined ? '' : `, to the bare-Nuxt floor ${result.floorRatio.toFixed(2)}`}${result.edgeRatio === undefined ? '' : `, edge to Node ${result.edgeRatio.toFixed(2)}`}${result.cluster ? `, ${result.instances} instances to one ${result.clusterRatio!.toFixed(2)} (CPU: one instance ${cores(result.app.cpuCores)}; ${clusterCpu(result)})` : ''}; ${targets}`,
  ].join('\n')
}

const cores = (values: number[]) => `${values.reduce((sum, value) => sum + value, 0).toFixed(2)} cores`

/** A cluster's CPU use: each instance's, then nginx's workers together. */
function clusterCpu(result: ScenarioResult) {
  const used = result.cluster!.cpuCores
  const instances = used.slice(0, result.instances)
  return `instances ${instances.map(value => value.toFixed(2)).join(' + ')}, nginx ${cores(used.slice(result.instances))}`
}

/** One line per scenario, as a Markdown table (the README's figures). */
export function formatSummary(results: ScenarioResult[]) {
  const lines = [
    '| scenario | req/s | p50 / p99 ms | errors | peak RSS | baseline req/s | baseline p50 / p99 ms | ratio | bare-Nuxt floor req/s | ratio to the floor |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ]
  for (const r of results) {
    const floor = r.floor ? [String(r.floor.rps), r.floorRatio!.toFixed(2)] : ['–', '–']
    lines.push(`| ${r.id} ${r.title} | ${r.app.rps} | ${r.app.p50.toFixed(0)} / ${r.app.p99.toFixed(0)} | ${r.app.errors} | ${r.app.peakRssMb} MB | ${r.baseline.rps} | ${r.baseline.p50.toFixed(0)} / ${r.baseline.p99.toFixed(0)} | ${r.ratio.toFixed(2)} | ${floor.join(' | ')} |`)
  }
  const onEdge = results.filter(r => r.edge)
  if (onEdge.length > 0) {
    lines.push('', '| scenario | Node req/s | Node p50 / p99 ms | edge req/s | edge p50 / p99 ms | edge errors | workerd peak RSS | edge to Node |', '|---|--:|--:|--:|--:|--:|--:|--:|')
    for (const r of onEdge) lines.push(`| ${r.id} | ${r.app.rps} | ${r.app.p50.toFixed(0)} / ${r.app.p99.toFixed(0)} | ${r.edge!.rps} | ${r.edge!.p50.toFixed(0)} / ${r.edge!.p99.toFixed(0)} | ${r.edge!.errors} | ${r.edge!.peakRssMb} MB | ${r.edgeRatio!.toFixed(2)} |`)
  }
  const onCluster = results.filter(r => r.cluster)
  if (onCluster.length > 0) {
    lines.push('', '| scenario | one instance req/s | p50 / p99 ms | its CPU | N instances + nginx req/s | p50 / p99 ms | errors | scaling | CPU per instance | nginx CPU |', '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|')
    for (const r of onCluster) {
      const used = r.cluster!.cpuCores
      lines.push(`| ${r.id} | ${r.app.rps} | ${r.app.p50.toFixed(0)} / ${r.app.p99.toFixed(0)} | ${cores(r.app.cpuCores)} | ${r.cluster!.rps} (N = ${r.instances}) | ${r.cluster!.p50.toFixed(0)} / ${r.cluster!.p99.toFixed(0)} | ${r.cluster!.errors} | ${r.clusterRatio!.toFixed(2)} | ${used.slice(0, r.instances).map(value => value.toFixed(2)).join(' + ')} | ${cores(used.slice(r.instances))} |`)
    }
  }
  return lines.join('\n')
}

/** Issue 13's Lighthouse targets: performance ≥ 90 and total blocking time under 300 ms, the other categories kept at 95 or more. */
export function lighthouseTargets(run: LighthouseRun) {
  return [
    { name: 'performance ≥ 90', met: run.scores.performance >= 90 },
    { name: 'TBT < 300 ms', met: run.totalBlockingTimeMs < 300 },
    { name: 'accessibility, best practices, SEO ≥ 95', met: run.scores.accessibility >= 95 && run.scores['best-practices'] >= 95 && run.scores.seo >= 95 },
  ]
}
