import * as v from 'valibot'

/** The columns of the product CSV, export and import alike; `sku` is how rows meet products. */
export const PRODUCT_CSV_COLUMNS = ['sku', 'name', 'category', 'price', 'vat_rate', 'cost', 'stock', 'is_active', 'description'] as const
export type ProductCsvColumn = typeof PRODUCT_CSV_COLUMNS[number]

export const MAX_IMPORT_ROWS = 5000

export const ProductImportInput = v.object({
  csv: v.pipe(v.string('csv must be the file\'s text'), v.nonEmpty('The file is empty')),
  /** false (the default) is a dry run: the report of what would happen, and no change. */
  apply: v.optional(v.boolean('apply must be true or false'), false),
  /** The dry run's `token`: applying then fails with 409 if the products changed since. */
  token: v.optional(v.pipe(v.string('token must be text'), v.maxLength(100, 'token is at most 100 characters'))),
})
