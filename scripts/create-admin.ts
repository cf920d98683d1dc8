import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import * as v from 'valibot'
import { createOrPromoteAdmin } from '../server/database/admins.ts'
import { AdminAccountInput } from '../shared/schemas/account-fields.ts'
import { fail, withDatabase } from './lib.ts'

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
    promote: { type: 'boolean', default: false },
  },
})

/** Missing flags are asked for; the password is not echoed. */
async function ask(question: string, { secret = false } = {}) {
  if (!process.stdin.isTTY) fail(`Missing --${question} (no terminal to ask on).`)
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  if (secret) {
    // Replace what readline echoes with nothing while the password is typed.
    const output = rl as unknown as { _writeToOutput: (s: string) => void }
    output._writeToOutput = () => {}
    process.stdout.write(`${question}: `)
  }
  const answer = await rl.question(secret ? '' : `${question}: `)
  if (secret) process.stdout.write('\n')
  rl.close()
  return answer
}

const input = {
  email: values.email ?? await ask('email'),
  username: values.username ?? await ask('username'),
  password: values.password ?? await ask('password', { secret: true }),
}
const parsed = v.safeParse(AdminAccountInput, input)
if (!parsed.success) {
  fail(parsed.issues.map(issue => `${v.getDotPath(issue)}: ${issue.message}`).join('\n'))
}

const result = await withDatabase(({ db }) => createOrPromoteAdmin(db, parsed.output, { promote: values.promote }))
const day = (date: Date | null) => date ? date.toISOString().slice(0, 10) : 'never'
switch (result.outcome) {
  case 'created':
    console.info(`Admin ${result.email} created.`)
    break
  case 'promoted':
    console.info([
      `Promoted the existing account ${result.email} to admin:`,
      `  username ${result.username}, name ${result.fullName ?? '(none)'}, registered ${day(result.createdAt)}, last sign-in ${day(result.lastLogin)}.`,
      `  Its password is its owner's, unchanged; ${result.sessionsEnded} open session(s) ended: admin rights start at the next sign-in.`,
    ].join('\n'))
    break
  case 'exists':
    fail([
      `${result.email} already belongs to an account (username ${result.username}, registered ${day(result.createdAt)}): nothing changed.`,
      'Whoever registered it chose its password. To make that account an admin anyway, run again with --promote',
      '(its open sessions are then ended); otherwise use another e-mail address.',
    ].join('\n'))
}
