import * as v from 'valibot'
import { ProductImportInput } from '#shared/schemas/product-import'
import { importProducts } from '../../../services/product-import'

/** `{ csv, apply, token }`: a dry run by default (the report and its token); `apply: true` imports every row or none. */
export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const input = await readValidatedBody(event, v.parser(ProductImportInput))
  const report = await importProducts(useDb(), input, auditActor(event, admin))
  return { data: report }
})
