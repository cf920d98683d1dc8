import { argon2id, argon2Verify, setWASMModules } from 'argon2-wasm-edge'
// Compiled ahead of time and imported as modules: a Worker may not compile WebAssembly at run time.
import argon2WASM from 'argon2-wasm-edge/wasm/argon2.wasm?module'
import blake2bWASM from 'argon2-wasm-edge/wasm/blake2b.wasm?module'
import { oneAtATime } from '../../lib/one-at-a-time'

setWASMModules({ argon2WASM, blake2bWASM })

/**
 * argon2id in WebAssembly, with the Node server's parameters (OWASP's first setting: 19 MiB,
 * 2 iterations, 1 lane, 32-byte hash, 16-byte salt): either build verifies the other's hashes.
 * One hash at a time: each holds 19 MiB of an isolate's 128 MB.
 */
const hashJob = oneAtATime()

export function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  return hashJob(() => argon2id({ password, salt, parallelism: 1, iterations: 2, memorySize: 19_456, hashLength: 32, outputType: 'encoded' }))
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return hashJob(() => argon2Verify({ password, hash }))
}
