import { execFileSync } from 'node:child_process'
import { appendFileSync, chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { freePort } from './server.ts'

export interface StreamingReplica {
  /** A postgres:// URL of the replica for `database` (its primary's URL but for the port). */
  urlFor: (primaryUrl: string) => string
  /** Stops replaying the primary's WAL (it keeps receiving it): the replica lags from now on. */
  pause: () => Promise<void>
  resume: () => Promise<void>
  stop: () => Promise<void>
}

/** The server binaries of the machine's PostgreSQL (Debian keeps them out of PATH), or PG_BIN. */
function serverBinaries() {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
  return join('/usr/lib/postgresql', versions[0]!, 'bin')
}

/**
 * A real streaming replica of the PostgreSQL server `primaryUrl` names, for one test file: a
 * `pg_basebackup` of it into a temporary folder, started as a hot standby on a free port.
 * The primary must take replication connections from 127.0.0.1: a `trust` line for them is
 * added to its pg_hba.conf (and the configuration reloaded) when it has none. PostgreSQL
 * refuses to run as root: run as root, the replica runs as the `postgres` user.
 */
export async function startStreamingReplica(primaryUrl: string): Promise<StreamingReplica> {
  const primary = new URL(primaryUrl)
  const admin = postgres(primaryUrl, { max: 1, onnotice: () => {} })
  try {
    const [rule] = await admin<{ allowed: boolean }[]>`select exists (select 1 from pg_hba_file_rules where 'replication' = any(database) and type = 'host' and auth_method = 'trust' and address = '127.0.0.1') as allowed`
    if (!rule!.allowed) {
      const [setting] = await admin<{ hba_file: string }[]>`show hba_file`
      const hbaFile = setting!.hba_file
      appendFileSync(hbaFile, '\n# Added by the Comptoir replica tests (test/support/replica.ts)\nhost replication all 127.0.0.1/32 trust\n')
      await admin`select pg_reload_conf()`
      console.info(`[replica] replication connections from 127.0.0.1 allowed in ${hbaFile}`)
    }
  }
  finally {
    await admin.end()
  }

  const bin = serverBinaries()
  const asRoot = userInfo().uid === 0
  const run = (command: string, args: string[]) => asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe' })
    : execFileSync(join(bin, command), args, { stdio: 'pipe' })
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-replica-'))
  chmodSync(dataDir, 0o700)
  if (asRoot) execFileSync('chown', ['postgres:postgres', dataDir])
  const port = await freePort()
  run('pg_basebackup', ['-h', primary.hostname, '-p', primary.port || '5432', '-U', decodeURIComponent(primary.username || 'postgres'), '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast'])
  // Debian keeps a cluster's configuration outside its data folder: the copy gets minimal files of its own.
  const files: Record<string, string> = {
    'postgresql.conf': `port = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dataDir}'\nhot_standby = on\n`,
    'pg_hba.conf': 'local all all trust\nhost all all 127.0.0.1/32 trust\n',
    'pg_ident.conf': '',
  }
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dataDir, name), content)
    if (asRoot) execFileSync('chown', ['postgres:postgres', join(dataDir, name)])
  }
  run('pg_ctl', ['-D', dataDir, '-l', join(dataDir, 'server.log'), '-w', '-t', '60', 'start'])

  const urlFor = (url: string) => {
    const replica = new URL(url)
    replica.hostname = '127.0.0.1'
    replica.port = String(port)
    return replica.toString()
  }
  const control = postgres(urlFor(primaryUrl), { max: 1, onnotice: () => {} })
  let stopped = false
  return {
    urlFor,
    pause: async () => {
      await control`select pg_wal_replay_pause()`
    },
    resume: async () => {
      await control`select pg_wal_replay_resume()`
    },
    stop: async () => {
      if (stopped) return
      stopped = true
      await control.end({ timeout: 1 })
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop'])
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
