import { DEMO_ACCOUNTS } from '../../server/database/seed'
import { expect, hydrated, test } from './fixtures'
import type { Locator, Page } from './fixtures'

/**
 * Journeys made with the keyboard alone: every step is a key press, and each element that
 * takes the focus on the way shows it (an outline, or a ring of at least 2 px).
 */

/**
 * Whether the focused element shows it (an outline, or a ring of at least 2 px, drawn on
 * it or on one of its pseudo-elements, or on its field: an input inside a ring that shows
 * focus-within), and whether it is `target`.
 */
function focusState(target: Element) {
  const focused = document.activeElement as HTMLElement | null
  if (!focused || focused === document.body) return { reached: false, shown: 'nothing is focused' }
  const reached = focused === target
  const box = focused.getBoundingClientRect()
  if (box.width === 0 || box.height === 0) return { reached, shown: `${focused.tagName} is focused but not on screen` }
  for (let element: HTMLElement | null = focused, depth = 0; element && depth < 3; element = element.parentElement, depth++) {
    for (const style of [getComputedStyle(element), getComputedStyle(element, '::before'), getComputedStyle(element, '::after')]) {
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1) return { reached, shown: 'shown' }
      if (/\b0px 0px 0px ([2-9]|\d{2,})(\.\d+)?px\b/.test(style.boxShadow)) return { reached, shown: 'shown' }
    }
  }
  return { reached, shown: `no visible focus on ${focused.outerHTML.slice(0, 160)}` }
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, checking at each step that the focus can be seen. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}) {
  await expect(target).toBeVisible()
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
    const { reached, shown } = await target.evaluate(focusState)
    expect(shown).toBe('shown')
    if (reached) return
  }
  throw new Error(`not reached with ${max} presses of Tab: ${target}`)
}

test.use({ viewport: { width: 1280, height: 900 } })

test('a customer goes from the home page to a placed order with the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto('/')
  await hydrated(page)
  const search = page.getByRole('searchbox', { name: 'Search products' }).first()
  await tabTo(page, search)
  await page.keyboard.type('Masala chai')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/products\?keyword=Masala/)
  await hydrated(page)

  const product = page.getByRole('link', { name: /Masala chai/ }).first()
  await tabTo(page, product)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/products\/[0-9a-f-]{36}$/)
  await hydrated(page)

  await tabTo(page, page.getByRole('button', { name: 'Add to cart' }))
  await page.keyboard.press('Enter')
  const cart = page.getByRole('link', { name: /^Cart, \d+ items?$/ })
  await expect(cart).toBeVisible()
  // Back up to the header.
  await tabTo(page, cart, { backwards: true })
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Your cart' })).toBeVisible()
  await hydrated(page)

  await tabTo(page, page.getByRole('link', { name: 'Sign in to check out' }))
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/login\?redirect=\/checkout$/)
  await hydrated(page)
  await tabTo(page, page.getByLabel('Email'))
  await page.keyboard.type(DEMO_ACCOUNTS.customer.email)
  await tabTo(page, page.getByLabel('Password'))
  await page.keyboard.type(DEMO_ACCOUNTS.customer.password)
  await page.keyboard.press('Enter')

  await expect(page).toHaveURL(/\/checkout$/)
  await hydrated(page)
  // A first order types its address; a later one starts from the address book.
  const line1 = page.getByLabel('Address', { exact: true })
  await expect(line1.or(page.getByRole('radio', { name: 'A new address' }))).toBeVisible()
  if (await line1.isVisible()) {
    await tabTo(page, line1)
    await page.keyboard.type('8 quai Saint-Vincent')
    await tabTo(page, page.getByLabel('Postcode'))
    await page.keyboard.type('69001')
    await tabTo(page, page.getByLabel('City'))
    await page.keyboard.type('Lyon')
  }
  // The payment method: arrows move the choice within the group.
  const transfer = page.getByRole('radio', { name: /Bank transfer/ })
  const card = page.getByRole('radio', { name: /Card/ })
  await tabTo(page, (await transfer.isChecked()) ? transfer : card)
  if (!(await transfer.isChecked())) await page.keyboard.press('ArrowDown')
  await expect(transfer).toBeChecked()
  await tabTo(page, page.getByRole('button', { name: /^Place order/ }))
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/)
  await expect(page.getByText('Your order is reserved until it is paid')).toBeVisible()
})

test('an admin goes from the product list to an edited product with the keyboard alone', async ({ page, baseURL }) => {
  test.setTimeout(90_000)
  const signedIn = await page.request.post('/api/auth/login', { data: DEMO_ACCOUNTS.admin, headers: { origin: baseURL! } })
  expect(signedIn.status()).toBe(200)
  const [product] = (await (await page.request.get('/api/products?limit=1')).json()).data
  await page.goto('/admin/products')
  await hydrated(page)

  await tabTo(page, page.getByRole('link', { name: product.name, exact: true }))
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/admin/products/${product.id}$`))
  await hydrated(page)

  const name = page.getByLabel('Name')
  await tabTo(page, name)
  await page.keyboard.press('End')
  await page.keyboard.type(' (kbd)')
  await tabTo(page, page.getByRole('button', { name: 'Save changes' }))
  await page.keyboard.press('Enter')
  await expect(page.getByText('Product saved').first()).toBeVisible()
  const saved = (await (await page.request.get(`/api/products/${product.id}`)).json()).data
  expect(saved.name).toBe(`${product.name} (kbd)`)
  // Put back as it was, for the other tests.
  await page.request.put(`/api/products/${product.id}`, { data: { name: product.name }, headers: { origin: baseURL! } })
})
