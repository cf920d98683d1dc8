import AxeBuilder from '@axe-core/playwright'
import { DEMO_ACCOUNTS } from '../../server/database/seed'
import { expect, hydrated, test } from './fixtures'
import type { Page } from './fixtures'

/**
 * axe-core on every storefront, account and admin page, signed out and signed in, in both
 * languages and both themes, at desktop and phone width: no serious or critical violation
 * of WCAG 2.1 A and AA. Four runs cover every pair of the three choices (each language in
 * both themes, each theme at both widths, each width in both languages) at two thirds of
 * the time of all eight combinations.
 */
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } }
const RUNS = [
  { width: 'desktop', locale: 'en', theme: 'light' },
  { width: 'desktop', locale: 'fr', theme: 'dark' },
  { width: 'phone', locale: 'en', theme: 'dark' },
  { width: 'phone', locale: 'fr', theme: 'light' },
] as const

async function violations(page: Page, path: string, theme: 'light' | 'dark') {
  await page.goto(path)
  await hydrated(page)
  // The page is in the language and theme asked for, or the check would judge another page.
  const html = page.locator('html')
  await expect(html).toHaveAttribute('lang', path.startsWith('/fr') ? 'fr' : 'en')
  await expect(html).toHaveClass(new RegExp(`\\b${theme}\\b`))
  // Lazy parts (the catalog's images, the checkout's deliveries) are in the page before it is judged.
  await page.waitForLoadState('networkidle')
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return violations
    .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
    .map(violation => `${path}: ${violation.id} (${violation.impact}) ${violation.nodes.map(node => node.target.join(' ')).slice(0, 3).join(' | ')}`)
}

async function signIn(page: Page, baseURL: string, account: { email: string, password: string }) {
  const res = await page.request.post('/api/auth/login', { data: { email: account.email, password: account.password }, headers: { origin: baseURL } })
  expect(res.status()).toBe(200)
}

for (const { width, locale, theme } of RUNS) {
  test.describe(`in ${locale === 'en' ? 'English' : 'French'}, ${theme} theme, at ${width} width`, () => {
    test.use({ viewport: WIDTHS[width], colorScheme: theme })
    const at = (path: string) => locale === 'en' ? path : `/${locale}${path === '/' ? '' : path}`

    test.beforeEach(async ({ context, baseURL }) => {
      // The theme as the toggle keeps it: the server renders it.
      await context.addCookies([{ name: 'comptoir_theme', value: theme, url: baseURL! }])
    })

    test('the storefront, signed out, has no serious accessibility violation', async ({ page }) => {
      test.setTimeout(120_000)
      const product = (await (await page.request.get('/api/products?limit=1')).json()).data[0]
      const found: string[] = []
      for (const path of ['/', '/products', '/products?keyword=tea&sort_by=price', `/products/${product.id}`, '/cart', '/login', '/register', '/no-such-page']) found.push(...await violations(page, at(path), theme))
      expect(found).toEqual([])
    })

    test('the account pages, signed in, have no serious accessibility violation', async ({ page, baseURL }) => {
      test.setTimeout(120_000)
      await signIn(page, baseURL!, DEMO_ACCOUNTS.customer)
      const [product] = (await (await page.request.get('/api/products?limit=1')).json()).data
      await page.request.put('/api/cart', { data: { items: [{ product_id: product.id, quantity: 1 }] }, headers: { origin: baseURL! } })
      const [order] = (await (await page.request.get('/api/orders?limit=1')).json()).data
      const found: string[] = []
      for (const path of ['/account', '/orders', `/orders/${order.id}`, '/cart', '/checkout']) found.push(...await violations(page, at(path), theme))
      expect(found).toEqual([])
    })

    test('the admin pages have no serious accessibility violation', async ({ page, baseURL }) => {
      test.setTimeout(180_000)
      await signIn(page, baseURL!, DEMO_ACCOUNTS.admin)
      const [product] = (await (await page.request.get('/api/products?limit=1')).json()).data
      const [order] = (await (await page.request.get('/api/orders?limit=1')).json()).data
      const found: string[] = []
      for (const path of ['/admin', '/admin/products', '/admin/products/new', `/admin/products/${product.id}`, '/admin/products/import', '/admin/orders', `/admin/orders/${order.id}`, '/admin/invoices', '/admin/discounts', '/admin/shipping', '/admin/users', '/admin/audit']) {
        found.push(...await violations(page, at(path), theme))
      }
      expect(found).toEqual([])
    })
  })
}
