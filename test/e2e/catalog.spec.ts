import { DEMO_ACCOUNTS } from '../../server/database/seed'
import { expect, hydrated, test } from './fixtures'

test('search, filter and sort live in the URL, survive a reload, and lead to the product', async ({ page }) => {
  await page.goto('/products')
  await hydrated(page)
  const filters = page.getByRole('complementary', { name: 'Filters' })
  await filters.getByLabel('Search').fill('beans')
  await expect(page).toHaveURL(/\/products\?keyword=beans$/)
  await filters.getByRole('switch', { name: 'In stock only' }).click()
  await expect(page).toHaveURL(/in_stock_only=true/)
  await filters.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Price: high to low' })
  await expect(page).toHaveURL(/sort_by=price&order=desc/)

  const names = page.getByRole('article').getByRole('heading')
  await expect(names.first()).toHaveText('Brazil Cerrado beans, 1 kg')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “beans”')
  const url = page.url()

  await page.reload()
  await hydrated(page)
  await expect(names.first()).toHaveText('Brazil Cerrado beans, 1 kg')
  await expect(filters.getByRole('switch', { name: 'In stock only' })).toBeChecked()
  expect(await names.allTextContents()).not.toContain('Sumatra Mandheling beans, 250 g')

  await names.first().getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Brazil Cerrado beans, 1 kg')
  await expect(page.getByText('€32.90')).toBeVisible()
  await page.goBack()
  await expect(page).toHaveURL(url)
})

test('a product goes into the cart, and the badge stays after a reload', async ({ page }) => {
  await page.goto('/products?keyword=kettle')
  await hydrated(page)
  await page.getByRole('article').first().getByRole('link').click()
  await hydrated(page)
  await page.getByRole('button', { name: 'Increment' }).click()
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await expect(page.getByRole('link', { name: 'Cart, 2 items' })).toBeVisible()
  await expect(page.getByRole('status')).toContainText('added to your cart')
  await expect(page.getByRole('status')).toContainText('2 in your cart')
  await page.reload()
  await expect(page.getByRole('link', { name: 'Cart, 2 items' })).toBeVisible()
})

test('on a phone the filters open in a dialog, work there, and close with Escape', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await page.goto('/products')
  await hydrated(page)
  await page.getByRole('button', { name: 'Filters and sort' }).click()
  const panel = page.getByRole('dialog', { name: 'Filter and sort' })
  await expect(panel).toBeVisible()
  await panel.getByRole('switch', { name: 'In stock only' }).click()
  await expect(page).toHaveURL(/in_stock_only=true/)
  await page.keyboard.press('Escape')
  await expect(panel).toBeHidden()
  await expect(page.getByRole('button', { name: 'Filters (1)' })).toBeFocused()
})

test('the account menu opens and closes from the keyboard', async ({ page }) => {
  await page.goto('/login')
  await hydrated(page)
  await page.getByLabel('Email').fill(DEMO_ACCOUNTS.customer.email)
  await page.getByLabel('Password').fill(DEMO_ACCOUNTS.customer.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/$/)
  const toggle = page.getByRole('button', { name: 'Account menu' })
  await toggle.focus()
  await page.keyboard.press('Enter')
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Your account' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(toggle).toBeFocused()
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the product page already holds its name and price', async ({ page }) => {
    await page.goto('/products?keyword=grinder')
    const link = page.getByRole('article').first().getByRole('link')
    const name = await link.textContent()
    await link.click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name!.trim())
    await expect(page.getByText(/€\d+\.\d\d/).first()).toBeVisible()
  })

  test('search and pagination work through the form and links', async ({ page }) => {
    await page.goto('/')
    const search = page.getByRole('searchbox', { name: 'Search products' }).first()
    await search.fill('tea')
    await search.press('Enter')
    await expect(page).toHaveURL(/\/products\?keyword=tea$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “tea”')

    await page.goto('/products')
    await page.getByRole('link', { name: 'Page 2', exact: true }).click()
    await expect(page).toHaveURL(/page=2/)
    await expect(page.getByRole('article')).toHaveCount(12)
  })
})
