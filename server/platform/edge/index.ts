/** The platform seam, Workers side: see ../node/index.ts. */
export const PLATFORM: 'node' | 'edge' = 'edge'
