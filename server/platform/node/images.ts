import sharp from 'sharp'
import { IMAGE_FORMATS, IMAGE_WIDTHS, MIN_IMAGE_SIDE } from '#shared/utils/images'
import type { ImageWidth } from '#shared/utils/images'
import { apiError } from '../../lib/errors'
import { oneAtATime } from '../../lib/one-at-a-time'

/** Decoding is refused above this many pixels: a small file must not unpack into gigabytes. */
const MAX_INPUT_PIXELS = 40_000_000

const WEBP_QUALITY = 80

function invalidImage(message: string, status = 400) {
  return apiError(status, message, { details: { image: [message] } })
}

/** What the first bytes say a file is: only these three are handed to libvips at all. */
const SIGNATURES: { format: string, test: (b: Buffer) => boolean }[] = [
  { format: 'jpeg', test: b => b[0] === 0xFF && b[1] === 0xD8 && b[2] === 0xFF },
  { format: 'png', test: b => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) },
  { format: 'webp', test: b => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
  { format: 'gif', test: b => b.toString('latin1', 0, 4) === 'GIF8' },
  { format: 'svg', test: b => /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(b.toString('utf8', 0, 1024)) },
  { format: 'heif', test: b => b.toString('latin1', 4, 8) === 'ftyp' },
  { format: 'tiff', test: b => ['II*\0', 'MM\0*'].includes(b.toString('latin1', 0, 4)) },
  { format: 'bmp', test: b => b.toString('latin1', 0, 2) === 'BM' },
]

/** One image job at a time per process: a decoded photo can weigh hundreds of megabytes. */
const imageJob = oneAtATime()

/**
 * Checks what the bytes really are (whatever the file name or Content-Type claim) and
 * makes the WebP variants: EXIF orientation applied, metadata (GPS and all) dropped,
 * never enlarged. The photo is decoded once, down to the widest variant; the narrower
 * ones are made from that.
 */
export async function makeImageVariants(bytes: Buffer): Promise<Map<ImageWidth, Buffer>> {
  const format = SIGNATURES.find(signature => signature.test(bytes))?.format
  if (!format) throw invalidImage('The file is not an image')
  if (!(IMAGE_FORMATS as readonly string[]).includes(format)) {
    throw invalidImage(`Images must be JPEG, PNG or WebP (this file is ${format.toUpperCase()})`, 415)
  }
  // The header alone tells the size; decoding waits until it passes.
  const metadata = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => undefined)
  if (!metadata) throw invalidImage('The image could not be decoded (damaged or truncated file)')
  if ((metadata.pages ?? 1) > 1) throw invalidImage('Animated images are not accepted')
  if (metadata.width * metadata.height > MAX_INPUT_PIXELS) throw invalidImage('The image is too large (at most 40 megapixels)')
  if (Math.min(metadata.width, metadata.height) < MIN_IMAGE_SIDE) {
    throw invalidImage(`The image is too small: at least ${MIN_IMAGE_SIDE} × ${MIN_IMAGE_SIDE} pixels`)
  }
  return imageJob(async () => {
    let widest
    try {
      widest = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
        .rotate()
        .resize({ width: Math.max(...IMAGE_WIDTHS), withoutEnlargement: true })
        .raw()
        .toBuffer({ resolveWithObject: true })
    }
    catch {
      throw invalidImage('The image could not be decoded (damaged or truncated file)')
    }
    const { data, info } = widest
    const variants = await Promise.all(IMAGE_WIDTHS.map(width =>
      sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer(),
    ))
    return new Map(IMAGE_WIDTHS.map((width, i) => [width, variants[i]!]))
  })
}
