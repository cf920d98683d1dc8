import { useEvent } from 'nitropack/runtime'

/** What this code uses of an R2 bucket binding. */
interface Bucket {
  get: (key: string) => Promise<{ arrayBuffer: () => Promise<ArrayBuffer> } | null>
}

/**
 * A photo variant's bytes from the R2 bucket bound as IMAGES (a Worker has no disk), by the
 * object name the Node server gives it through R2's S3 API (`products/<id>/<hash>-<width>.webp`);
 * null if there is none.
 */
export async function readPhoto(path: string): Promise<Uint8Array | null> {
  const bucket = useEvent().context.cloudflare?.env.IMAGES as Bucket | undefined
  const object = await bucket?.get(path)
  return object ? new Uint8Array(await object.arrayBuffer()) : null
}
