/** argon2id through the native addon (server/lib/password.ts, which the CLI scripts use too). */
export { hashPassword, verifyPassword } from '../../lib/password'
