/** Widths (px) of the WebP variants made from every product image. */
export const IMAGE_WIDTHS = [320, 640, 1280] as const
export type ImageWidth = typeof IMAGE_WIDTHS[number]

/** Uploads above this are refused before being read. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024
/** Below this on the shorter side, a product photo would look blurred on a product page. */
export const MIN_IMAGE_SIDE = 200
/** Formats accepted for upload, by what the bytes are (not by the file name). */
export const IMAGE_FORMATS = ['jpeg', 'png', 'webp'] as const

export interface ProductImage {
  /** The middle width, for browsers that ignore `srcset`. */
  src: string
  srcset: string
  /** The widest variant: link previews, search engines. */
  large: string
}

/** Where the storage keeps one variant of an image: `<imageKey>-<width>.webp`. */
export function imageVariantPath(imageKey: string, width: ImageWidth) {
  return `${imageKey}-${width}.webp`
}

export function productImage(imageKey: string | null): ProductImage | null {
  if (!imageKey) return null
  const url = (width: ImageWidth) => `/images/${imageVariantPath(imageKey, width)}`
  return {
    src: url(640),
    srcset: IMAGE_WIDTHS.map(width => `${url(width)} ${width}w`).join(', '),
    large: url(1280),
  }
}
