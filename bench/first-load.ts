import { gzipSync } from 'node:zlib'

export interface FirstLoad {
  path: string
  files: number
  bytes: number
  gzipBytes: number
  /** What the server sends a browser that takes brotli (its precompressed copies). */
  servedBytes: number
}

/** The JavaScript a first visit to `path` downloads: every `<script src>` and `<link rel="modulepreload">` of the page. */
export async function firstLoadJs(baseUrl: string, path: string): Promise<FirstLoad> {
  const html = await fetch(baseUrl + path, { headers: { accept: 'text/html' } }).then(response => response.text())
  const urls = new Set<string>()
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const isScript = tag.startsWith('<script')
    if (!isScript && !/\brel="modulepreload"/.test(tag)) continue
    const src = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1]
    if (src) urls.add(new URL(src, baseUrl).toString())
  }
  let bytes = 0
  let gzipBytes = 0
  let servedBytes = 0
  for (const url of urls) {
    const response = await fetch(url, { headers: { 'accept-encoding': 'br, gzip' } })
    const body = Buffer.from(await response.text())
    bytes += body.length
    gzipBytes += gzipSync(body).length
    // fetch decodes the body; the header still says what crossed the wire.
    servedBytes += Number(response.headers.get('content-length') ?? body.length)
  }
  return { path, files: urls.size, bytes, gzipBytes, servedBytes }
}
