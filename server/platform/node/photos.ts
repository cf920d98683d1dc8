import { IMAGE_STORAGE } from '../../lib/image-files'

/** A stored photo variant's bytes by its path (`products/<id>/<hash>-<width>.webp`), from the images mount; null if there is none. */
export function readPhoto(path: string): Promise<Uint8Array | null> {
  return useStorage(IMAGE_STORAGE).getItemRaw<Buffer>(path)
}
