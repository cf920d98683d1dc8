import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The Lighthouse the README's figures come from; fetched by npx into its cache on first use (not a dependency of the shop). */
const LIGHTHOUSE = 'lighthouse@12.8.2'
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const

export interface LighthouseRun {
  path: string
  /** 0–100 per category, as Lighthouse reports it. */
  scores: Record<typeof CATEGORIES[number], number>
  totalBlockingTimeMs: number
}

/**
 * Lighthouse's mobile audit (its default: a mid-range phone, simulated slow 4G and CPU)
 * of one page, in Debian's Chromium (`CHROMIUM_PATH`, as Playwright uses). Undefined, with
 * the reason printed, when Lighthouse cannot be fetched or run.
 */
export function lighthouse(baseUrl: string, path: string): LighthouseRun | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-lighthouse-'))
  try {
    const report = join(dir, 'report.json')
    const result = spawnSync('npx', [
      '--yes', LIGHTHOUSE, baseUrl + path,
      '--output=json', `--output-path=${report}`, '--quiet',
      `--only-categories=${CATEGORIES.join(',')}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update',
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }, encoding: 'utf8', timeout: 180_000 })
    if (result.status !== 0) {
      console.warn(`[bench] Lighthouse of ${path} did not run: ${(result.stderr || result.error?.message || '').trim().split('\n').at(-1)}`)
      return undefined
    }
    const lhr = JSON.parse(readFileSync(report, 'utf8')) as {
      categories: Record<string, { score: number | null }>
      audits: Record<string, { numericValue?: number }>
    }
    return {
      path,
      scores: Object.fromEntries(CATEGORIES.map(category => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)])) as LighthouseRun['scores'],
      totalBlockingTimeMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
    }
  }
  finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
