import { expect, hydrated, test } from './fixtures'
import { mailedConfirmationLink } from './mailbox'
import { formatPrice } from '../../shared/utils/money'

test('a guest fills a cart, signs in (cart kept), checks out by bank transfer, sees the order and where to pay, cancels it, and the stock is back', async ({ page, baseURL }) => {
  // A long journey (two sign-ins, a checkout, an order, the account page): more than the default 30 s on a busy 2-core runner.
  test.setTimeout(60_000)
  const id = `shopper${Date.now().toString(36)}`
  const account = { email: `${id}@test.example`, username: id, password: 'correct horse battery', full_name: 'Jeanne Dupont' }
  expect((await page.request.post('/api/auth/register', { data: account, headers: { origin: baseURL! } })).status()).toBe(201)
  await page.context().clearCookies()
  // The owner opens the link mailed to them, in a browser where they are not signed in.
  await page.goto(await mailedConfirmationLink(account.email))
  await expect(page.getByText('Your address is confirmed')).toBeVisible()

  const product = (await (await page.request.get('/api/products/search?keyword=Tieguanyin')).json()).data[0]
  const stockBefore = product.stock

  // As a guest.
  await page.goto(`/products/${product.id}`)
  await hydrated(page)
  await page.getByRole('button', { name: 'Increment' }).click()
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await expect(page.getByRole('link', { name: 'Cart, 2 items' })).toBeVisible()

  await page.getByRole('link', { name: 'Cart, 2 items' }).click()
  await expect(page.getByRole('heading', { name: 'Your cart' })).toBeVisible()
  await expect(page.getByRole('link', { name: product.name })).toBeVisible()
  await page.getByRole('link', { name: 'Sign in to check out' }).click()

  await expect(page).toHaveURL(/\/login\?redirect=\/checkout$/)
  await hydrated(page)
  await page.getByLabel('Email').fill(account.email)
  await page.getByLabel('Password').fill(account.password)
  await page.getByRole('button', { name: 'Sign in' }).click()

  await expect(page).toHaveURL(/\/checkout$/)
  await expect(page.getByRole('link', { name: 'Cart, 2 items' })).toBeVisible()
  // A first order: no address book yet, so the address is typed (the name comes from the account).
  await expect(page.getByLabel('Full name')).toHaveValue('Jeanne Dupont')
  await page.getByLabel('Address', { exact: true }).fill('8 quai Saint-Vincent')
  await page.getByLabel('Postcode').fill('6900')
  await page.getByLabel('City').fill('Lyon')
  await page.getByRole('button', { name: /^Place order/ }).click()
  // Checked in the browser, with the server's rule: a French postcode has five digits.
  await expect(page.getByText('postcode must look like 75011 in France')).toBeVisible()
  await page.getByLabel('Postcode').fill('69001')
  // Deliveries for this cart to France, the cheapest way by the post first.
  await expect(page.getByRole('radio', { name: /^Standard \(Colissimo\) · €4\.90/ })).toBeChecked()
  await expect(page.locator('aside')).toContainText('Delivery (Standard (Colissimo))')
  await page.getByRole('radio', { name: /Bank transfer/ }).check()
  await page.getByRole('button', { name: /^Place order/ }).click()

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/)
  await expect(page.getByText('Your order is reserved until it is paid')).toBeVisible()
  // Where to send the money, and the reference that ties the transfer to this order.
  await expect(page.getByText('FR76 3000 6000 0112 3456 7890 189')).toBeVisible()
  await expect(page.getByText(/^CMP-[0-9A-F]{10}$/)).toBeVisible()
  await expect(page.getByRole('cell', { name: product.name })).toBeVisible()
  // Tea is food: its VAT, 5.5 %, is worked out of the price and shown under the lines.
  const placed = (await (await page.request.get(page.url().replace(/\?.*$/, '').replace('/orders/', '/api/orders/'))).json()).data
  await expect(page.getByText(`VAT 5.5% on ${formatPrice(placed.net_amount)}`)).toBeVisible()
  await expect(page.locator('tfoot tr', { hasText: 'Total including VAT' })).toContainText(formatPrice(placed.total_amount))
  expect(Math.round(placed.total_amount * 100)).toBe(Math.round((product.price * 2 + 4.9) * 100))
  await expect(page.getByText('Delivery: Standard (Colissimo)')).toBeVisible()
  expect(placed.shipping_details).toMatchObject({ full_name: 'Jeanne Dupont', line1: '8 quai Saint-Vincent', postcode: '69001', city: 'Lyon', country: 'FR' })
  await expect(page.getByRole('link', { name: 'Cart' })).toBeVisible()
  const afterOrder = (await (await page.request.get(`/api/products/${product.id}`)).json()).data.stock
  expect(afterOrder).toBe(stockBefore - 2)

  await page.goto('/orders')
  await expect(page.getByText('Awaiting payment')).toBeVisible()
  await page.getByRole('link', { name: /^Order / }).first().click()
  await hydrated(page)
  await page.getByRole('button', { name: 'Cancel this order' }).click()
  await expect(page.getByText('Order cancelled').first()).toBeVisible()
  await expect(page.getByText('Cancelled').first()).toBeVisible()
  await expect(page.getByRole('button', { name: 'Cancel this order' })).toHaveCount(0)

  const afterCancel = (await (await page.request.get(`/api/products/${product.id}`)).json()).data.stock
  expect(afterCancel).toBe(stockBefore)

  // The typed address was kept in the address book, as the default, for the next checkout.
  await page.goto('/account')
  await expect(page.getByText('8 quai Saint-Vincent')).toBeVisible()
  await expect(page.getByText('Default', { exact: true })).toBeVisible()
})
