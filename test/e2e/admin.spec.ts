import sharp from 'sharp'
import { DEMO_ACCOUNTS } from '../../server/database/seed'
import { expect, hydrated, test } from './fixtures'
import { mailedConfirmationLink } from './mailbox'
import type { Page } from './fixtures'

async function signIn(page: Page, { email, password }: { email: string, password: string }) {
  await page.goto('/login')
  await hydrated(page)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/$/)
}

test('a guest is sent to sign in, a customer gets a 404 without the admin page', async ({ page }) => {
  await page.goto('/admin/users')
  await expect(page).toHaveURL(/\/login\?redirect=\/admin\/users$/)

  await signIn(page, DEMO_ACCOUNTS.customer)
  const response = await page.goto('/admin/users')
  expect(response?.status()).toBe(404)
  expect(await response?.text()).not.toContain('Search users')
  await expect(page.getByText('Page not found')).toBeVisible()
})

test('an admin deactivates an account, whose session stops at once', async ({ page, browser, baseURL }) => {
  const customer = await browser.newContext({ baseURL })
  const id = `victim${Date.now().toString(36)}`
  const registered = await customer.request.post('/api/auth/register', { data: { email: `${id}@test.example`, username: id, password: 'correct horse battery' }, headers: { origin: baseURL! } })
  expect(registered.status()).toBe(201)
  expect((await customer.request.get('/api/auth/profile')).status()).toBe(200)

  await signIn(page, DEMO_ACCOUNTS.admin)
  await page.getByRole('button', { name: 'Account menu' }).click()
  await page.getByRole('link', { name: 'Admin' }).click()
  await expect(page).toHaveURL(/\/admin$/)
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Revenue per day' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' }).click()
  await expect(page).toHaveURL(/\/admin\/users$/)
  await page.getByRole('searchbox', { name: 'Search users' }).fill(id)
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`keyword=${id}`))
  const row = page.getByRole('row').filter({ hasText: id })
  await row.getByRole('button', { name: `Deactivate ${id}` }).click()
  await expect(row.getByText('Deactivated')).toBeVisible()

  expect((await customer.request.get('/api/auth/profile')).status()).toBe(401)
  await customer.close()
})

test('an admin moves an order to shipped, offered only the legal moves', async ({ page, browser, baseURL }) => {
  const customer = await browser.newContext({ baseURL })
  const id = `buyer${Date.now().toString(36)}`
  const registered = await customer.request.post('/api/auth/register', { data: { email: `${id}@test.example`, username: id, password: 'correct horse battery' }, headers: { origin: baseURL! } })
  const user = (await registered.json()).data.user
  const token = new URL(await mailedConfirmationLink(user.email)).searchParams.get('token')
  expect((await customer.request.post('/api/auth/verify-email', { data: { token }, headers: { origin: baseURL! } })).status()).toBe(200)
  const product = (await (await customer.request.get('/api/products/search?keyword=Assam')).json()).data[0]
  const placed = await customer.request.post('/api/orders', { data: { items: [{ product_id: product.id, quantity: 1 }], shipping_address: 'Léa Martin\n5 rue Mercière\n69002 Lyon' }, headers: { origin: baseURL! } })
  expect(placed.status()).toBe(201)
  const order = (await placed.json()).data
  await customer.close()

  await signIn(page, DEMO_ACCOUNTS.admin)
  await page.goto(`/admin/orders?user_id=${user.id}`)
  await hydrated(page)
  await page.getByRole('link', { name: order.id.slice(0, 8) }).click()
  await expect(page.getByRole('heading', { name: `Order ${order.id.slice(0, 8)}` })).toBeVisible()
  await hydrated(page)
  await expect(page.getByRole('button', { name: 'Mark shipped' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Confirm' }).click()
  await page.getByRole('button', { name: 'Mark shipped' }).click()
  await expect(page.getByRole('button', { name: 'Mark delivered' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0)
  await expect(page.getByText('Shipped').first()).toBeVisible()
})

test('an admin creates a product, finds it in the shop, and adjusts its stock', async ({ page }) => {
  // Six pages, a photo made into three WebP widths and their reload: 25-33 s on this machine.
  test.slow()
  const name = `Porcelain dripper ${Date.now().toString(36)}`
  await signIn(page, DEMO_ACCOUNTS.admin)
  await page.goto('/admin/products')
  await hydrated(page)
  await page.getByRole('link', { name: 'New product' }).click()
  await hydrated(page)
  await page.getByLabel('Name').fill(name)
  await page.getByLabel('Price (€)').fill('27.50')
  await page.getByLabel('SKU').fill(`DRP-${Date.now().toString(36)}`)
  await page.getByLabel('Category').fill('Brewing')
  await page.getByLabel('Initial stock').fill('4')
  await page.getByLabel('Description').fill('Glazed porcelain, keeps the heat in.')
  await page.getByRole('button', { name: 'Create product' }).click()

  await expect(page.getByRole('heading', { name })).toBeVisible()
  await expect(page.getByText('4 in stock · on sale')).toBeVisible()
  await hydrated(page)
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 214, g: 196, b: 170 } } }).jpeg().toBuffer()
  await page.getByLabel('New photo').setInputFiles({ name: 'dripper.jpg', mimeType: 'image/jpeg', buffer: photo })
  await page.getByRole('button', { name: 'Upload photo' }).click()
  await expect(page.getByText('Photo saved').first()).toBeVisible()
  await expect(page.getByRole('img', { name })).toHaveAttribute('srcset', /-320\.webp 320w, .*-640\.webp 640w, .*-1280\.webp 1280w$/)
  await page.getByRole('button', { name: 'Adjust stock' }).click()
  await page.getByLabel('Change (negative to remove)').fill('6')
  await page.getByLabel('Reason').fill('Delivery from the workshop')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('10 in stock · on sale')).toBeVisible()

  await page.getByRole('link', { name: 'See in the shop' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
  await expect(page.getByText('€27.50')).toBeVisible()
  await expect(page.getByText('incl. 20% VAT')).toBeVisible()
  // The photo the browser picked from the srcset really arrived.
  const shown = page.getByRole('img', { name })
  await expect(shown).toHaveJSProperty('complete', true)
  expect(await shown.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\.webp$/)
  expect(await shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)

  await page.goto('/admin/audit?entity=product')
  await expect(page.getByRole('cell', { name: /product\.stock/ }).first()).toBeVisible()
  await expect(page.getByRole('cell', { name: 'stock: 4 → 10' }).first()).toBeVisible()
})

test('an admin exports the filtered product table as CSV', async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.admin)
  await page.goto('/admin/products?keyword=kettle')
  await hydrated(page)
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Export CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^comptoir-products-\d{4}-\d\d-\d\d\.csv$/)
  const text = await (await file.createReadStream()).toArray().then(chunks => Buffer.concat(chunks).toString('utf8'))
  const lines = text.trim().split('\r\n')
  expect(lines[0]).toBe('sku,name,category,price,vat_rate,cost,stock,is_active,description')
  expect(lines.slice(1).every(line => /kettle/i.test(line))).toBe(true)
  expect(lines.length).toBeGreaterThan(1)
})

test('an admin previews a CSV import row by row, then applies it', async ({ page }) => {
  const sku = `IMP-${Date.now().toString(36)}`
  await signIn(page, DEMO_ACCOUNTS.admin)
  await page.goto('/admin/products')
  await hydrated(page)
  await page.getByRole('link', { name: 'Import CSV' }).click()
  await expect(page.getByRole('heading', { name: 'Import products' })).toBeVisible()
  await hydrated(page)
  const csv = ['sku,name,price,stock', `${sku},Imported cold brew bottle,6.50,40`, 'COF-ETH-250,Ethiopia Yirgacheffe beans,abc,'].join('\n')
  await page.getByLabel('CSV file').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await expect(page.getByRole('heading', { name: 'Preview' })).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: sku })).toContainText('New')
  await expect(page.getByRole('row').filter({ hasText: 'COF-ETH-250' })).toContainText('price: price must be an amount like 19.99')
  await expect(page.getByRole('button', { name: 'Apply 1 change' })).toBeDisabled()

  await page.getByLabel('CSV file').setInputFiles({ name: 'fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.split('\n').slice(0, 2).join('\n')) })
  await page.getByRole('button', { name: 'Apply 1 change' }).click()
  await expect(page.getByRole('heading', { name: 'Imported' })).toBeVisible()
  await expect(page.getByText('1 created, 0 updated').first()).toBeVisible()

  await page.goto(`/products?keyword=${encodeURIComponent('cold brew bottle')}`)
  await expect(page.getByRole('link', { name: 'Imported cold brew bottle' })).toBeVisible()
})
