import type { ProductImage } from '../utils/images'
import type { PostalAddress } from '../utils/addresses'
import type { OrderStatus } from '../utils/order-status'
import type { ShopLocale } from '../utils/locale.ts'
import type { PaymentMethod, PaymentStatus } from '../utils/payments'

/** The JSON shapes of the API (snake_case, money as amounts, timestamps as ISO strings). */
export interface ProductJson {
  id: string
  name: string
  description: string
  category: string | null
  /** Including VAT, at `vat_rate` per cent. */
  price: number
  vat_rate: number
  /** Packed weight in grams (shipping prices by it). */
  weight_grams: number
  stock: number
  sku: string | null
  is_active: boolean
  /** WebP variants of the uploaded photo; null when there is none. */
  image: ProductImage | null
  created_at: string
  updated_at: string
  /** Admins only. */
  cost?: number | null
  margin_percentage?: number | null
}

export interface ApiErrorBody {
  error: string
  details?: Record<string, string[]>
}

export interface UserJson {
  id: string
  email: string
  username: string
  full_name: string | null
  is_active: boolean
  is_admin: boolean
  created_at: string
  updated_at: string
  last_login: string | null
  /** Whether the owner confirmed the address (orders need it). */
  email_verified: boolean
  /** The account's language: its mails, and the API's answers when a request names none. */
  locale: ShopLocale
}

export interface OrderItemJson {
  id: string
  product_id: string
  product_name: string
  quantity: number
  /** Including VAT, as the customer paid it. */
  unit_price: number
  /** unit_price × quantity; less `discount`, it is `net` + `vat`. */
  subtotal: number
  /** This line's share of the order's discount code. */
  discount: number
  vat_rate: number
  net: number
  vat: number
}

export interface OrderEventJson {
  from_status: string | null
  status: string
  created_at: string
}

export interface OrderVatJson {
  rate: number
  net: number
  vat: number
  gross: number
}

export interface OrderJson {
  id: string
  user_id: string
  status: OrderStatus
  /** Including VAT: `net_amount` + `vat_amount`. */
  total_amount: number
  net_amount: number
  vat_amount: number
  /** The VAT by rate, highest first: what each rate's lines come to. */
  vat: OrderVatJson[]
  shipping_address: string
  notes: string | null
  /** While it awaits its payment: when it is cancelled if still unpaid. */
  payment_due_at: string | null
  /** The structured addresses (null for an order placed with a text address only; billing null: same as shipping). */
  shipping_details: PostalAddress | null
  billing_details: PostalAddress | null
  /** The delivery chosen and its price; null without one. `total_amount` includes it. */
  shipping: OrderShippingJson | null
  /** The discount code used and what it took off the goods (VAT included); `total_amount` is after it. */
  discount: { code: string, amount: number } | null
  items: OrderItemJson[]
  created_at: string
  updated_at: string
}

/** An address in a customer's book. */
export interface SavedAddressJson extends PostalAddress {
  id: string
  line2: string | null
  phone: string | null
  is_default: boolean
  created_at: string
}

/** A shipping method as the admin sets it up: prices VAT included, by weight limit (null: any weight). */
export interface ShippingMethodJson {
  id: string
  name: string
  description: string
  countries: string[]
  rates: { up_to_grams: number | null, price: number }[]
  free_over: number | null
  is_active: boolean
  position: number
}

/** A delivery checkout can offer for a cart and a country, at its price for that cart. */
export interface ShippingOptionJson {
  id: string
  name: string
  description: string
  price: number
  free_over: number | null
}

/** The delivery an order was placed with, as it was then. */
export interface OrderShippingJson {
  method_id: string | null
  method_name: string
  /** VAT included: `net` + `vat`. */
  amount: number
  net: number
  vat: number
}

/** A discount code as the admin sees it, with its use so far. */
export interface DiscountJson {
  id: string
  code: string
  description: string
  /** Either a percentage off the goods… */
  percent: number | null
  /** …or an amount, VAT included. */
  amount: number | null
  min_order: number
  starts_at: string | null
  ends_at: string | null
  max_uses: number | null
  max_uses_per_customer: number | null
  uses: number
  is_active: boolean
  /** What the code took off all the orders that used it. */
  total_discount: number
  created_at: string
}

/** What a customer pays an order with (`payment`), or gets back when a paid order is cancelled (`refund`). */
export interface PaymentJson {
  id: string
  method: PaymentMethod
  status: PaymentStatus
  amount: number
  /** A transfer's reference; a card payment's Stripe Checkout Session. */
  reference: string | null
  settled_at: string | null
  created_at: string
}

/** Where a customer sends a bank transfer. */
export interface BankDetailsJson {
  account_holder: string
  iban: string
  bic: string
}

export interface InvoiceJson {
  id: string
  number: string
  kind: 'invoice' | 'credit_note'
  order_id: string
  issued_at: string
  net_amount: number
  vat_amount: number
  total_amount: number
}

/** One order as its page shows it: with its status timeline, payment, refund and invoices. */
export interface OrderDetailJson extends OrderJson {
  events: OrderEventJson[]
  payment: PaymentJson | null
  refund: PaymentJson | null
  /** While a bank transfer is awaited. */
  bank_details: BankDetailsJson | null
  invoices: InvoiceJson[]
}

/** A product on the home page's best sellers, with the units sold in orders not cancelled. */
export interface BestSellerJson extends ProductJson {
  units_sold: number
}

/** A cart line as the server sees it now: the product's live price and stock. */
export interface CartLineJson {
  product_id: string
  quantity: number
  /** Null when the product no longer exists or is not for sale. */
  product: ProductJson | null
  /** The price when the line was added, if known. */
  added_price: number | null
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'reject'

/** One CSV row in an import report: what happens (or would happen) to its product, and why not when rejected. */
export interface ImportRowJson {
  line: number
  sku: string | null
  name: string | null
  action: ImportAction
  /** Updates: each changed field, before and after. */
  changes?: Record<string, { before: unknown, after: unknown }>
  /** Rejections: the reasons, by column. */
  errors?: Record<string, string[]>
}

export interface ImportReportJson {
  applied: boolean
  /** Pass back with `apply: true` to apply only what this report showed. */
  token: string
  summary: Record<ImportAction, number>
  rows: ImportRowJson[]
}

/** What a signed-in page's render starts with, read by the server with the session check (server/middleware/08.page-session.ts). */
export interface PageSessionJson {
  user: UserJson
  cart: CartLineJson[]
}

/** One row of a product's stock ledger (`GET /api/products/:id/stock-movements`). */
export interface StockMovementJson {
  id: string
  delta: number
  stock_after: number
  reason: string
  note: string | null
  actor_id: string | null
  order_id: string | null
  created_at: string
}

/** One entry of the audit log (`GET /api/admin/audit`): who changed what, before and after. */
export interface AuditEntryJson {
  id: string
  action: string
  entity: string
  entity_id: string | null
  actor_id: string | null
  actor_email: string | null
  before: unknown
  after: unknown
  ip_address: string | null
  request_id: string | null
  created_at: string
}
