import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import * as v from 'valibot'
import { createOrPromoteAdmin } from '../server/database/admins.ts'
import { AdminAccountInput } from '../shared/schemas/users.ts'
import { fail, withDatabase } from './lib.ts'

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
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

await withDatabase(async ({ db }) => {
  const result = await createOrPromoteAdmin(db, parsed.output)
  console.info(result.created
    ? `Admin ${result.email} created.`
    : `${result.email} already had an account: it is now an admin (its password is unchanged).`)
})
