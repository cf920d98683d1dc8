import type { Page } from '@playwright/test'
import { formatPrice } from '../../shared/utils/money'
import { expect, hydrated, test } from './fixtures'
import { E2E_MAIL_DIR, mailedConfirmationLink } from './mailbox'
import { mailsTo } from '../support/mail'

/** A new customer who confirmed their address, signed in in this page's browser. */
async function signedInCustomer(page: Page, baseURL: string, prefix: string) {
  const id = `${prefix}${Date.now().toString(36)}`
  const account = { email: `${id}@test.example`, username: id, password: 'correct horse battery', full_name: 'Camille Martin' }
  const headers = { origin: baseURL }
  expect((await page.request.post('/api/auth/register', { data: account, headers })).status()).toBe(201)
  const token = new URL(await mailedConfirmationLink(account.email)).searchParams.get('token')
  expect((await page.request.post('/api/auth/verify-email', { data: { token }, headers })).status()).toBe(200)
  return account
}

const productNamed = async (page: Page, keyword: string) => (await (await page.request.get(`/api/products/search?keyword=${keyword}`)).json()).data[0]
const stockOf = async (page: Page, id: string) => (await (await page.request.get(`/api/products/${id}`)).json()).data.stock as number

test('a customer pays by card on Stripe\'s page (its local stand-in), comes back to a confirmed order and gets the invoice', async ({ page, baseURL }) => {
  await signedInCustomer(page, baseURL!, 'cardpayer')
  const product = await productNamed(page, 'Gooseneck')
  await page.goto(`/products/${product.id}`)
  await hydrated(page)
  await page.getByRole('button', { name: 'Add to cart' }).click()
  // On to checkout through the shop's own links, as a customer would, with the welcome code.
  await page.getByRole('link', { name: 'Cart, 1 item' }).click()
  await hydrated(page)
  await page.getByLabel('Discount code').fill('welcome')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByText('This code does not exist or is no longer offered')).toBeVisible()
  await page.getByLabel('Discount code').fill('bienvenue10')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByText('Code BIENVENUE10 applied')).toBeVisible()
  const discount = Math.round(product.price * 10) / 100
  await expect(page.getByText(`−${formatPrice(discount)}`)).toBeVisible()
  await page.getByRole('link', { name: 'Checkout' }).click()
  await expect(page).toHaveURL(/\/checkout$/)
  await page.getByLabel('Address', { exact: true }).fill('12 rue de la République')
  await page.getByLabel('Postcode').fill('13001')
  await page.getByLabel('City').fill('Marseille')
  await page.getByRole('radio', { name: /^Collect from the shop/ }).check()
  await page.getByRole('radio', { name: /Card/ }).check()
  await page.getByRole('button', { name: /^Place order and pay/ }).click()

  // Stripe Checkout, played by the stand-in: pay there.
  await expect(page.getByText('Stand-in for Stripe Checkout')).toBeVisible()
  await page.getByRole('button', { name: /^Pay / }).click()

  // Back in the shop, the webhook has confirmed the order (or the page sees it within seconds).
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?paid=1$/)
  await expect(page.getByText('Confirmed').first()).toBeVisible({ timeout: 15_000 })
  await expect(page.getByText(/^Paid /)).toBeVisible()
  await expect(page.getByText('Discount BIENVENUE10')).toBeVisible()
  const paid = (await (await page.request.get(page.url().replace(/\?.*$/, '').replace('/orders/', '/api/orders/'))).json()).data
  expect(paid.discount).toEqual({ code: 'BIENVENUE10', amount: discount })
  expect(Math.round(paid.total_amount * 100)).toBe(Math.round((product.price - discount) * 100))
  const invoiceLink = page.getByRole('link', { name: /^Invoice F\d{4}-\d{6} \(PDF\)$/ })
  await expect(invoiceLink).toBeVisible()
  const pdf = await page.request.get((await invoiceLink.getAttribute('href'))!)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
})

test('an order by bank transfer that is not paid in time is cancelled by the shop, and its stock returns', async ({ page, baseURL }) => {
  // The Playwright server holds an unpaid transfer 45 seconds (test/support/serve-e2e.ts), then its job releases it within 5.
  test.setTimeout(120_000)
  const account = await signedInCustomer(page, baseURL!, 'latepayer')
  const product = await productNamed(page, 'Sencha')
  const before = await stockOf(page, product.id)
  const items = [{ product_id: product.id, quantity: 3 }]
  const options = (await (await page.request.post('/api/shipping/quote', { data: { items, country: 'FR' }, headers: { origin: baseURL! } })).json()).data.options
  const placed = await page.request.post('/api/orders', {
    data: { items, address: { full_name: 'Camille Martin', line1: '3 place Bellecour', postcode: '69002', city: 'Lyon', country: 'FR' }, shipping_method_id: options[0].id, payment_method: 'bank_transfer' },
    headers: { origin: baseURL! },
  })
  expect(placed.status()).toBe(201)
  const order = (await placed.json()).data
  expect(await stockOf(page, product.id)).toBe(before - 3)

  await page.goto(`/orders/${order.id}`)
  await expect(page.getByText('Awaiting payment').first()).toBeVisible()
  await expect(page.getByText('Pay by')).toBeVisible()

  await expect.poll(async () => (await (await page.request.get(`/api/orders/${order.id}`)).json()).data.status, { timeout: 80_000, intervals: [2000] }).toBe('cancelled')
  await page.reload()
  await expect(page.getByText('Cancelled').first()).toBeVisible()
  await expect(page.getByText('Called off')).toBeVisible()
  expect(await stockOf(page, product.id)).toBe(before)
  const mails = await mailsTo(E2E_MAIL_DIR, account.email, 3)
  expect(mails.some(mail => mail.includes('was not paid in time and has been cancelled'))).toBe(true)
})
