import { SignJWT } from 'jose'
import { TEST_JWT_SECRET } from '../support/server'
import { expect, hydrated, test } from './fixtures'
import { mailedConfirmationLink } from './mailbox'

let counter = 0
function newAccount() {
  const id = `e2e${Date.now().toString(36)}${counter++}`
  return { email: `${id}@test.example`, username: id, password: 'correct horse battery' }
}

test('register, sign out, sign in, and land back where you were going', async ({ page }) => {
  const account = newAccount()
  await page.goto('/register')
  await hydrated(page)
  await page.getByLabel('Email').fill(account.email)
  await page.getByLabel('Username').fill(account.username)
  await page.getByLabel('Full name').fill('Élise Renard')
  await page.getByLabel('Password').fill(account.password)
  await page.getByRole('button', { name: 'Create my account' }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('button', { name: 'Account menu' })).toContainText(account.username)

  await page.getByRole('button', { name: 'Account menu' }).click()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible()

  // A page that needs an account sends you to sign in, then back.
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login\?redirect=\/account$/)
  await hydrated(page)
  await page.getByLabel('Email').fill(account.email)
  await page.getByLabel('Password').fill(account.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible()
  await expect(page.getByLabel('Full name')).toHaveValue('Élise Renard')
})

test('a new customer is asked to confirm their address, gets the link again, and confirms it', async ({ page, baseURL }) => {
  const account = newAccount()
  expect((await page.request.post('/api/auth/register', { data: account, headers: { origin: baseURL! } })).status()).toBe(201)
  await page.goto('/account')
  await hydrated(page)
  await expect(page.getByText('Confirm your e-mail address')).toBeVisible()
  await page.getByRole('button', { name: 'Send the link again' }).click()
  await expect(page.getByRole('region', { name: /^Notifications/ }).getByText(`A new confirmation link is on its way to ${account.email}`)).toBeVisible()

  await page.goto(await mailedConfirmationLink(account.email))
  await expect(page.getByText('Your address is confirmed')).toBeVisible()
  await page.goto('/account')
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible()
  await expect(page.getByText('Confirm your e-mail address')).toHaveCount(0)
})

test('the forms check fields before sending, and show the server\'s answers per field', async ({ page, baseURL }) => {
  const taken = newAccount()
  expect((await page.request.post('/api/auth/register', { data: taken, headers: { origin: baseURL! } })).status()).toBe(201)
  await page.context().clearCookies()
  await page.goto('/register')
  await hydrated(page)
  await page.getByLabel('Email').fill('not-an-email')
  await page.getByLabel('Password').fill('short')
  await page.getByRole('button', { name: 'Create my account' }).click()
  await expect(page.getByText('email must be a valid address')).toBeVisible()
  await expect(page.getByText('password must be at least 8 characters')).toBeVisible()

  await page.getByLabel('Email').fill(newAccount().email)
  await page.getByLabel('Username').fill(taken.username)
  await page.getByLabel('Password').fill('long enough password')
  await page.getByRole('button', { name: 'Create my account' }).click()
  await expect(page.getByText('This username is taken')).toBeVisible()

  await page.goto('/login')
  await hydrated(page)
  await page.getByLabel('Email').fill(taken.email)
  await page.getByLabel('Password').fill('wrong password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('Invalid email or password')
})

test('an expired access token is renewed silently when a page loads', async ({ page, context, baseURL }) => {
  const account = newAccount()
  const res = await page.request.post('/api/auth/register', { data: account, headers: { origin: baseURL! } })
  expect(res.status()).toBe(201)
  const cookies = await context.cookies()
  const access = cookies.find(c => c.name === '__Host-comptoir_access')!
  const claims = JSON.parse(Buffer.from(access.value.split('.')[1]!, 'base64url').toString())

  // The same session, but its access token expired a minute ago.
  const expired = await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(TEST_JWT_SECRET))
  await context.addCookies([{ ...access, value: expired }])

  await page.goto('/account')
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible()
  const renewed = (await context.cookies()).find(c => c.name === '__Host-comptoir_access')!
  expect(renewed.value).not.toBe(expired)
  expect(renewed.value).not.toBe(access.value)

  // Expired again while the page is open: the next API call renews the session in the browser and goes through.
  await hydrated(page)
  await context.addCookies([{ ...renewed, value: expired }])
  await page.getByLabel('Full name').fill('Renewed In Place')
  await page.getByRole('button', { name: 'Save profile' }).click()
  await expect(page.getByText('Profile saved').first()).toBeVisible()
  const profile = await page.request.get('/api/auth/profile')
  expect((await profile.json()).data.full_name).toBe('Renewed In Place')
})
