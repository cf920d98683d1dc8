import * as v from 'valibot'
import { ProductImportInput } from '#shared/schemas/product-import'
import { importProducts } from '../../../services/product-import'

/** `{ csv, apply }`: a dry run by default (the report only); `apply: true` imports every row or none. */
export default defineEventHandler(async (event) => {
  const actor = actorOf(event)
  const { csv, apply } = await readValidatedBody(event, v.parser(ProductImportInput))
  const report = await importProducts(useDb(), csv, { apply }, actor)
  if (report.applied) bumpCatalogVersion()
  return { data: report }
})
