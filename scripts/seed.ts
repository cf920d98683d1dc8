import { parseArgs } from 'node:util'
import { DEMO_ACCOUNTS, DemoAccountsRefused, seedDemoData } from '../server/database/seed.ts'
import { fail, withDatabase } from './lib.ts'

const { values } = parseArgs({ options: { 'no-accounts': { type: 'boolean', default: false } } })
const accounts = !values['no-accounts']
if (accounts && process.env.NODE_ENV === 'production') {
  fail('NODE_ENV=production: the demo accounts (whose passwords are public) are not created in production. Use --no-accounts to load the demo catalog alone.')
}

await withDatabase(async ({ db }) => {
  const result = await seedDemoData(db, { accounts }).catch((error: unknown) => {
    if (error instanceof DemoAccountsRefused) fail(error.message)
    throw error
  })
  console.info(`Demo catalog: ${result.productsCreated} products added (existing SKUs left as they were), ${result.ordersCreated} demo orders.`)
  if (accounts) {
    console.info(`Demo accounts: ${result.accountsCreated} created.`)
    console.info(`  Admin:    ${DEMO_ACCOUNTS.admin.email} / ${DEMO_ACCOUNTS.admin.password}`)
    console.info(`  Customer: ${DEMO_ACCOUNTS.customer.email} / ${DEMO_ACCOUNTS.customer.password}`)
  }
})
