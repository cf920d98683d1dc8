import { readFileSync, writeFileSync } from 'node:fs'
import autocannon from 'autocannon'
import type { Request } from 'autocannon'

export interface Load {
  url: string
  connections: number
  seconds: number
  /** Builds each request: method, path, headers, body. */
  next: () => Request
  /** Process whose peak resident memory is reported (the server under test). */
  pid: number
  /** Statuses that are the right answer (e.g. 201 and, for a sold-out product, 409). */
  expected: number[]
  /** Processes whose CPU use is reported (the instances of a cluster, its balancer); `pid` alone by default. */
  cpuPids?: number[]
}

export interface Measure {
  requests: number
  rps: number
  p50: number
  p99: number
  statuses: Record<string, number>
  /** Connection errors, timeouts and answers with an unexpected status. */
  errors: number
  /** Pages the shop sent from its page cache (`x-page-cache: hit`) instead of rendering them. */
  cacheHits: number
  peakRssMb: number
  /** CPU each of `cpuPids` used over the run, in cores (1 = one core busy all along). */
  cpuCores: number[]
}

/**
 * Linux keeps a process's peak resident set size (VmHWM); writing 5 to clear_refs resets it,
 * so each run reports its own peak rather than the highest since the server started.
 */
function resetPeakRss(pid: number) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
  }
  catch {
    // Without the right to reset it, the figure is the peak since the process started.
  }
}

function peakRssMb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0)
  return Math.round(kb / 1024)
}

/** Clock ticks per second of /proc's CPU times (USER_HZ): 100 on Linux. */
const TICKS_PER_SECOND = 100

/** User + system CPU seconds a process has used so far (fields 14 and 15 of /proc/<pid>/stat). */
function cpuSeconds(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}

export async function drive(load: Load): Promise<Measure> {
  resetPeakRss(load.pid)
  const cpuPids = load.cpuPids ?? [load.pid]
  const cpuBefore = cpuPids.map(cpuSeconds)
  const startedAt = performance.now()
  let cacheHits = 0
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.seconds,
    // setupRequest builds every request afresh: random pages, ids, buyers and bodies.
    requests: [{
      setupRequest: request => ({ ...request, ...load.next() }),
      onResponse: (_status, _body, _context, headers) => {
        if (headers?.['x-page-cache'] === 'hit') cacheHits++
      },
    }],
  })
  const wallSeconds = (performance.now() - startedAt) / 1000
  const cpuCores = cpuPids.map((pid, n) => Math.round((cpuSeconds(pid) - cpuBefore[n]!) / wallSeconds * 100) / 100)
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, stat]) => [status, stat.count ?? 0]))
  const unexpected = Object.entries(statuses).filter(([status]) => !load.expected.includes(Number(status))).reduce((sum, [, n]) => sum + n, 0)
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    errors: result.errors + unexpected,
    cacheHits,
    peakRssMb: peakRssMb(load.pid),
    cpuCores,
  }
}
