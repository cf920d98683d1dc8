import { execFileSync } from 'node:child_process'
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

/** The server binaries of the primary's major version (Debian keeps them out of PATH), or PG_BIN. */
function serverBinaries(versionNum: number) {
  return process.env.PG_BIN ?? join('/usr/lib/postgresql', String(Math.floor(versionNum / 10_000)), 'bin')
}

const HBA_MARK = '# Added by the Comptoir replica tests (test/support/replica.ts), removed after them'
const HBA_LINE = 'host replication all 127.0.0.1/32 trust'

/**
 * A real streaming replica of the PostgreSQL server `primaryUrl` names, for one test file: a
 * `pg_basebackup` of it into a temporary folder, started as a hot standby on a free port.
 * The primary must take replication connections from 127.0.0.1: when its pg_hba.conf has no
 * rule for them, a `trust` line is added for the test's duration (the configuration reloaded,
 * and again once the line is removed). PostgreSQL refuses to run as root: run as root, the
 * replica runs as the `postgres` user.
 */
export async function startStreamingReplica(primaryUrl: string): Promise<StreamingReplica> {
  const primary = new URL(primaryUrl)
  const admin = postgres(primaryUrl, { max: 1, onnotice: () => {} })
  let hbaFile: string | undefined
  let versionNum: number
  try {
    const [rule] = await admin<{ allowed: boolean }[]>`select exists (select 1 from pg_hba_file_rules where 'replication' = any(database) and type = 'host' and address = '127.0.0.1') as allowed`
    const [version] = await admin<{ server_version_num: string }[]>`show server_version_num`
    versionNum = Number(version!.server_version_num)
    if (!rule!.allowed) {
      const [setting] = await admin<{ hba_file: string }[]>`show hba_file`
      hbaFile = setting!.hba_file
      appendFileSync(hbaFile, `\n${HBA_MARK}\n${HBA_LINE}\n`)
      await admin`select pg_reload_conf()`
    }
  }
  finally {
    await admin.end()
  }
  const restoreHba = async () => {
    if (!hbaFile) return
    writeFileSync(hbaFile, readFileSync(hbaFile, 'utf8').replace(`\n${HBA_MARK}\n${HBA_LINE}\n`, ''))
    const reload = postgres(primaryUrl, { max: 1, onnotice: () => {} })
    await reload`select pg_reload_conf()`
    await reload.end()
  }

  const bin = serverBinaries(versionNum)
  const asRoot = userInfo().uid === 0
  const env = { ...process.env, ...(primary.password ? { PGPASSWORD: decodeURIComponent(primary.password) } : {}) }
  const run = (command: string, args: string[]) => asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe', env })
    : execFileSync(join(bin, command), args, { stdio: 'pipe', env })
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-replica-'))
  chmodSync(dataDir, 0o700)
  if (asRoot) execFileSync('chown', ['postgres:postgres', dataDir])
  const port = await freePort()
  // A password in the URL reaches pg_basebackup (and the standby's primary_conninfo, which -R writes) through PGPASSWORD.
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
      await restoreHba()
    },
  }
}
