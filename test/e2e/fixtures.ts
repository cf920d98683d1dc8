import { test as base, expect } from '@playwright/test'
import type { Page } from '@playwright/test'

/**
 * Every page test fails on a console error, an uncaught exception (which is how a
 * hydration mismatch shows in a production build) or a 5xx response.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (message) => {
      // A refused API call (4xx) is the browser's network log, asserted by the tests themselves.
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return
      if (message.type() === 'error' || /hydration/i.test(message.text())) errors.push(message.text())
    })
    page.on('response', (response) => {
      if (response.status() >= 500) errors.push(`${response.status()} from ${response.url()}`)
    })
    page.on('pageerror', error => errors.push(error.message))
    await use(errors)
    expect(errors, 'console errors').toEqual([])
  }, { auto: true }],
})

export { expect }
export type { Locator, Page } from '@playwright/test'

/**
 * Resolves once Vue has hydrated the whole server-rendered page, lazily loaded parts (such
 * as the UApp wrapper of form pages) included: input typed before that could be reset.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const app = (document.querySelector('#__nuxt') as { __vue_app__?: { $nuxt?: { isHydrating?: boolean } } } | null)?.__vue_app__
    return Boolean(app?.$nuxt && !app.$nuxt.isHydrating)
  })
}
