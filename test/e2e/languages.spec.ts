import { expect, hydrated, test } from './fixtures'

/** A price as French writes it: `12,90 €`, the space a no-break one. */
const FRENCH_PRICE = /\d+,\d{2}[\u00A0\u202F]€/

test('the language switch keeps the page, and the shop remembers the choice', async ({ page }) => {
  const [product] = (await (await page.request.get('/api/products?limit=1')).json()).data
  await page.goto(`/products/${product.id}`)
  await hydrated(page)
  await page.getByRole('link', { name: 'Français' }).click()
  await expect(page).toHaveURL(new RegExp(`/fr/products/${product.id}$`))
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('button', { name: 'Ajouter au panier' })).toBeVisible()
  await expect(page.getByRole('heading', { name: product.name })).toBeVisible()
  await expect(page.getByText(FRENCH_PRICE).first()).toBeVisible()
  // Coming back to the shop's address, the visitor is in French.
  await page.goto('/')
  await expect(page).toHaveURL(/\/fr$/)
  await expect(page.getByRole('link', { name: 'English' })).toBeVisible()
  await hydrated(page)
  await page.getByRole('link', { name: 'English' }).click()
  await expect(page).toHaveURL(/:\d+\/$/)
  await page.goto('/')
  await expect(page).toHaveURL(/:\d+\/$/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
})

test.describe('in a browser set to French', () => {
  test.use({ locale: 'fr-FR' })

  test('the first visit lands on the French shop, whose forms answer in French', async ({ page }) => {
    await page.goto('/')
    await expect(page).toHaveURL(/\/fr$/)
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
    await page.goto('/fr/register')
    await hydrated(page)
    await page.getByLabel('E-mail').fill('pas-une-adresse')
    await page.getByLabel('Mot de passe').fill('court')
    await page.getByRole('button', { name: 'Créer mon compte' }).click()
    // Checked in the browser with the API's own rules, worded as the API words them in French.
    await expect(page.getByText('email : adresse non valide')).toBeVisible()
    await expect(page.getByText('password : 8 caractères au moins')).toBeVisible()
  })
})

test.describe('with a dark system theme', () => {
  test.use({ colorScheme: 'dark' })

  test('the shop is dark, and a theme chosen with the button is kept and rendered by the server', async ({ page, context }) => {
    await page.goto('/')
    await hydrated(page)
    const html = page.locator('html')
    await expect(html).toHaveClass(/\bdark\b/)
    const toggle = page.getByRole('button', { name: 'Dark theme' })
    await expect(toggle).toHaveAttribute('aria-pressed', 'true')
    await toggle.click()
    await expect(html).toHaveClass(/\blight\b/)
    await expect(html).not.toHaveClass(/\bdark\b/)
    await expect(toggle).toHaveAttribute('aria-pressed', 'false')
    expect((await context.cookies()).find(cookie => cookie.name === 'comptoir_theme')?.value).toBe('light')
    // The next page comes from the server already light, though the system is dark: no flash.
    const response = await page.goto('/products')
    expect(await response!.text()).toMatch(/<html[^>]* class="light"/)
    await expect(html).toHaveClass(/\blight\b/)
  })
})
