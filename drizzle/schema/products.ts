import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.ts'

export const products = pgTable('products', {
  id: id(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  category: text('category'),
  // Money is integer cents; `cost` is what the shop paid, visible to admins only.
  priceCents: integer('price_cents').notNull(),
  costCents: integer('cost_cents'),
  // Prices include VAT; the rate, in basis points (5.5 % = 550), is one of shared/utils/vat.ts's.
  vatRateBp: integer('vat_rate_bp').notNull().default(2000),
  stock: integer('stock').notNull().default(0),
  /** Packed weight in grams, which shipping prices by. */
  weightGrams: integer('weight_grams').notNull().default(0),
  sku: text('sku'),
  isActive: boolean('is_active').notNull().default(true),
  // Storage key of the uploaded image (the variants derive from it); null when there is none.
  imageKey: text('image_key'),
  ...timestamps,
}, t => [
  check('products_price_nonnegative', sql`${t.priceCents} >= 0`),
  check('products_cost_nonnegative', sql`${t.costCents} >= 0`),
  check('products_stock_nonnegative', sql`${t.stock} >= 0`),
  check('products_weight_nonnegative', sql`${t.weightGrams} >= 0`),
  check('products_vat_rate_known', sql`${t.vatRateBp} in (2000, 1000, 550, 210)`),
  uniqueIndex('products_sku_key').on(t.sku),
  // Keyword search is `name ILIKE '%…%'`, which only a trigram index can serve.
  index('products_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  // One index per public sort and range filter; the storefront always filters on is_active,
  // and the id (every sort's tie-break) makes a page's ids readable from the index alone.
  index('products_active_created_at_idx').on(t.isActive, t.createdAt, t.id),
  index('products_active_name_idx').on(t.isActive, t.name, t.id),
  index('products_active_price_idx').on(t.isActive, t.priceCents, t.id),
  index('products_active_stock_idx').on(t.isActive, t.stock, t.id),
  index('products_category_idx').on(t.category),
])
