/**
 * The platform seam: `#platform/…` is this folder in the Node build and ../edge in the
 * Workers build (nuxt.config.ts, `--envName edge`). Each module exports the same names
 * from both: database, password, images, mail. Nothing else in the code knows which runs.
 */
export const PLATFORM: 'node' | 'edge' = 'node'
