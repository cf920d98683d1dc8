import { parseArgs } from 'node:util'
import { DEMO_ACCOUNTS, seedDemoData } from '../server/database/seed.ts'
import { withDatabase } from './lib.ts'

const { values } = parseArgs({ options: { 'no-accounts': { type: 'boolean', default: false } } })

await withDatabase(async ({ db }) => {
  const result = await seedDemoData(db, { accounts: !values['no-accounts'] })
  console.info(`Demo catalog: ${result.productsCreated} products added (existing SKUs left as they were), ${result.ordersCreated} demo orders.`)
  if (!values['no-accounts']) {
    console.info(`Demo accounts: ${result.accountsCreated} created.`)
    console.info(`  Admin:    ${DEMO_ACCOUNTS.admin.email} / ${DEMO_ACCOUNTS.admin.password}`)
    console.info(`  Customer: ${DEMO_ACCOUNTS.customer.email} / ${DEMO_ACCOUNTS.customer.password}`)
  }
})
