import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { ROOT } from './build.ts'
import { freePort, serverEnv, spawnLogged } from './server.ts'

/** What `npm run cluster -- --state <file>` writes: the balancer's URL, the instances behind it. */
export interface ClusterState {
  url: string
  pid: number
  nginx: { pid: number }
  instances: { index: number, url: string, pid: number, state: 'starting' | 'up' | 'draining' | 'restarting' }[]
}

export interface RunningCluster {
  url: string
  stateFile: string
  logFile: string
  state: () => ClusterState
  stop: () => Promise<void>
}

export function readClusterState(stateFile: string): ClusterState {
  return JSON.parse(readFileSync(stateFile, 'utf8')) as ClusterState
}

/**
 * `npm run cluster` as an operator starts it (scripts/cluster.ts: the production build N
 * times behind nginx), in `cwd` (the instances' .data/, their mails among it); resolves once
 * nginx answers. Its output, every instance's log lines prefixed, goes to `<cwd>/<name>.log`.
 */
export async function startCluster({ cwd, env, instances = 3, name = 'cluster' }: { cwd: string, env: Record<string, string | undefined>, instances?: number, name?: string }): Promise<RunningCluster> {
  const port = await freePort()
  const stateFile = join(cwd, `${name}.json`)
  const logFile = join(cwd, `${name}.log`)
  const { child, output, exited } = spawnLogged(process.execPath, [join(ROOT, 'scripts/cluster.ts'), '--instances', String(instances), '--port', String(port), '--state', stateFile], {
    cwd,
    logFile,
    env: { PATH: process.env.PATH, ...serverEnv(port), ...env },
  })
  const deadline = Date.now() + 120_000
  // Ready: nginx answers, and the state file names it (written once it does).
  while (!(existsSync(stateFile) && readClusterState(stateFile).nginx.pid) || !(await fetch(`http://127.0.0.1:${port}/api/health/ready`).then(r => r.ok, () => false))) {
    if (child.exitCode !== null) throw new Error(`the cluster exited with ${child.exitCode}:\n${output().slice(-3000)}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the cluster did not start:\n${output().slice(-3000)}`)
    }
    await sleep(200)
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stateFile,
    logFile,
    state: () => readClusterState(stateFile),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT')
      await exited
    },
  }
}
