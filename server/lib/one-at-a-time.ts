/**
 * A queue of one: each job given to the returned function starts once the previous one has
 * settled, whether it succeeded or failed. For work that holds much memory while it runs.
 */
export function oneAtATime() {
  let queue: Promise<unknown> = Promise.resolve()
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job)
    queue = run.catch(() => {})
    return run
  }
}
