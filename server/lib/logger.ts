import type { LogLevel } from './config'

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

let threshold: LogLevel = 'info'

export function setLogLevel(level: LogLevel) {
  threshold = level
}

function write(level: Exclude<LogLevel, 'silent'>, msg: string, fields: Record<string, unknown> = {}) {
  if (SEVERITY[level] < SEVERITY[threshold]) return
  // One JSON object per line: greppable by request_id, ingestible by any log pipeline.
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`)
}

export const logger = {
  debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
}
