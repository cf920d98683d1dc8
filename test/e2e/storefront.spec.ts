import { expect, hydrated, test } from './fixtures'

test('the home page lists products and hydrates cleanly', async ({ page }) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await hydrated(page)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Good coffee, brewed at home')
  const cards = page.getByRole('region', { name: 'New arrivals' }).getByRole('article')
  await expect(cards).toHaveCount(8)
  await expect(cards.first()).toContainText('€')
})

test('the header search leads to matching products, with the keyword in the URL', async ({ page }) => {
  await page.goto('/')
  await hydrated(page)
  const search = page.getByRole('searchbox', { name: 'Search products' }).first()
  await search.fill('kettle')
  await search.press('Enter')
  await expect(page).toHaveURL(/\/products\?keyword=kettle$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “kettle”')
  const names = await page.getByRole('article').getByRole('heading').allTextContents()
  expect(names.length).toBeGreaterThan(0)
  for (const name of names) expect(name.toLowerCase()).toContain('kettle')
})

test('the product list pages through the catalog with links', async ({ page }) => {
  await page.goto('/products')
  await hydrated(page)
  await expect(page.getByRole('article')).toHaveCount(12)
  const first = await page.getByRole('article').first().getByRole('heading').textContent()
  await page.getByRole('link', { name: 'Page 2', exact: true }).click()
  await expect(page).toHaveURL(/page=2/)
  await expect(page.getByRole('article').first().getByRole('heading')).not.toHaveText(first!)
})

test('an unknown page shows the 404 page with a way back', async ({ page }) => {
  const response = await page.goto('/no-such-page')
  expect(response?.status()).toBe(404)
  await hydrated(page)
  await expect(page.getByText('Page not found')).toBeVisible()
  await page.getByRole('button', { name: 'Back to the shop' }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Good coffee, brewed at home')
})

test('on a phone the page fits the screen and the search is at hand', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await page.goto('/')
  await hydrated(page)
  await expect(page.getByRole('searchbox', { name: 'Search products' }).last()).toBeVisible()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBe(0)
})
