import { createHash } from 'node:crypto'

/** Inline scripts that run: not `src=` ones, not JSON data blocks (payload, JSON-LD). */
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g

/**
 * The CSP hashes of the inline scripts Nuxt's head manager wrote (the import map and the
 * colour-mode script in `<head>`, the runtime config at the end of `<body>`). The rendered
 * app markup (`body`, and the teleports in `bodyPrepend`) is never looked at: a script
 * that reached it through some injection must not be blessed by the policy.
 */
export function headScriptHashes(html: { head: string[], bodyAppend: string[] }): string[] {
  const hashes = new Set<string>()
  for (const part of [...html.head, ...html.bodyAppend]) {
    for (const match of part.matchAll(INLINE_SCRIPT)) {
      hashes.add(`'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`)
    }
  }
  return [...hashes]
}
