import { withDatabase } from './lib.ts'

await withDatabase(async ({ driver }) => {
  console.info(`Migrations applied (${driver === 'postgres' ? 'PostgreSQL' : 'embedded PGlite in .data/pglite'}).`)
})
