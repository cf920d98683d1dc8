import { setTimeout as sleep } from 'node:timers/promises'

/** `promise`'s value, or `fallback` if it takes longer than `ms`; the timer never outlives the answer. */
export async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  const abort = new AbortController()
  try {
    return await Promise.race([promise, sleep(ms, fallback, { signal: abort.signal })])
  }
  finally {
    abort.abort()
  }
}
