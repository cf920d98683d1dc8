/**
 * The bare API baseline: node:http and postgres.js (or PGlite), the shop's statements and
 * JSON, and nothing else: no framework, no validation library, no middleware, no cache,
 * no authentication (an order names its buyer in the body).
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import argon2 from 'argon2'
import { isUuid, openBareDatabase, pageQuery, productById, productPage } from './database.ts'
import type { Row } from './database.ts'
import { formatAddress } from '../../shared/utils/addresses.ts'
import type { PostalAddress } from '../../shared/utils/addresses.ts'
import { shippingPrice } from '../../shared/utils/shipping.ts'
import type { ShippingRate } from '../../shared/utils/shipping.ts'
import { taxOrder } from '../../shared/utils/vat.ts'

const db = openBareDatabase(process.env)

interface OrderBody {
  user_id: string
  items: { product_id: string, quantity: number }[]
  address: PostalAddress
  shipping_method_id: string
  notes?: string
}

function send(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) })
  res.end(json)
}

async function readJson(req: IncomingMessage) {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

class Conflict extends Error {
  details: Record<string, string[]>
  constructor(details: Record<string, string[]>) {
    super('Some items are not available in the quantity asked')
    this.details = details
  }
}

/** The stock part of `createOrder` (server/services/orders.ts): lock in id order, check, take, write the order, lines, ledger and first event. */
function placeOrder(order: OrderBody) {
  return db.transaction(async (query) => {
    const lines = [...order.items].sort((a, b) => a.product_id.localeCompare(b.product_id))
    const locked = await query(
      `select * from products where id in (${lines.map((_, i) => `$${i + 1}`).join(', ')}) order by id for update`,
      lines.map(line => line.product_id),
    )
    const byId = new Map(locked.map(product => [product.id as string, product]))
    const details: Record<string, string[]> = {}
    order.items.forEach((line, index) => {
      const product = byId.get(line.product_id)
      if (!product || !product.is_active) details[`items.${index}.product_id`] = ['This product is not for sale']
      else if ((product.stock as number) < line.quantity) details[`items.${index}.quantity`] = [`Only ${product.stock} of ${product.name} left`]
    })
    if (Object.keys(details).length > 0) throw new Conflict(details)

    // The delivery priced by the parcel's weight, and the same VAT arithmetic as the shop's
    // (shared/utils/vat.ts): each line's net and VAT, the delivery split between the rates, summed.
    const [method] = await query('select * from shipping_methods where id = $1 and is_active', [order.shipping_method_id])
    const weight = lines.reduce((sum, line) => sum + (byId.get(line.product_id)!.weight_grams as number) * line.quantity, 0)
    const goods = lines.reduce((sum, line) => sum + (byId.get(line.product_id)!.price_cents as number) * line.quantity, 0)
    const shippingGrossCents = method ? shippingPrice({ rates: method.rates as ShippingRate[], freeOverCents: method.free_over_cents === null ? null : Number(method.free_over_cents) }, weight, goods) : undefined
    if (shippingGrossCents === undefined) throw new Conflict({ shipping_method_id: ['This delivery cannot take the order'] })
    const totals = taxOrder(lines.map(line => ({ unitGrossCents: byId.get(line.product_id)!.price_cents as number, quantity: line.quantity, rateBp: byId.get(line.product_id)!.vat_rate_bp as number })), { shippingGrossCents })
    const [created] = await query(
      `insert into orders (user_id, total_cents, net_cents, vat_cents, shipping_address, shipping_details, shipping_method_id, shipping_method_name, shipping_cents, shipping_net_cents, shipping_vat_cents, weight_grams, notes)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning *`,
      [order.user_id, totals.grossCents, totals.netCents, totals.vatCents, formatAddress(order.address), JSON.stringify(order.address), method!.id, method!.name, shippingGrossCents, totals.shipping.netCents, totals.shipping.vatCents, weight, order.notes ?? null],
    )
    const items: Row[] = []
    for (const [index, line] of lines.entries()) {
      const product = byId.get(line.product_id)!
      const tax = totals.lines[index]!
      const [taken] = await query(
        'update products set stock = stock - $1, updated_at = $2 where id = $3 and stock >= $1 returning stock',
        [line.quantity, new Date(), line.product_id],
      )
      if (!taken) throw new Conflict({ [`items.${order.items.indexOf(line)}.quantity`]: ['Out of stock'] })
      await query(
        'insert into stock_movements (product_id, delta, stock_after, reason, order_id, actor_id) values ($1, $2, $3, \'order\', $4, $5)',
        [line.product_id, -line.quantity, taken.stock, created!.id, order.user_id],
      )
      const [item] = await query(
        'insert into order_items (order_id, product_id, product_name, quantity, unit_price_cents, unit_cost_cents, vat_rate_bp, net_cents, vat_cents) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *',
        [created!.id, line.product_id, product.name, line.quantity, product.price_cents, product.cost_cents, product.vat_rate_bp, tax.netCents, tax.vatCents],
      )
      items.push(item!)
    }
    await query('insert into order_events (order_id, to_status, actor_id) values ($1, \'pending\', $2)', [created!.id, order.user_id])
    return {
      id: created!.id,
      user_id: created!.user_id,
      status: created!.status,
      total_amount: Number(created!.total_cents) / 100,
      net_amount: Number(created!.net_cents) / 100,
      vat_amount: Number(created!.vat_cents) / 100,
      shipping_address: created!.shipping_address,
      notes: created!.notes,
      items: items.map(item => ({
        id: item.id,
        product_id: item.product_id,
        product_name: item.product_name,
        quantity: item.quantity,
        unit_price: (item.unit_price_cents as number) / 100,
        subtotal: (item.unit_price_cents as number) * (item.quantity as number) / 100,
        vat_rate: (item.vat_rate_bp as number) / 100,
        net: Number(item.net_cents) / 100,
        vat: Number(item.vat_cents) / 100,
      })),
      created_at: (created!.created_at as Date).toISOString(),
      updated_at: (created!.updated_at as Date).toISOString(),
    }
  })
}

async function login(body: { email: string, password: string }) {
  const [user] = await db.query('select id, email, username, password_hash, is_active from users where lower(email) = $1', [body.email.toLowerCase()])
  if (!user || !await argon2.verify(user.password_hash as string, body.password)) return undefined
  return { id: user.id, email: user.email, username: user.username }
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url!, 'http://localhost')
  if (req.method === 'GET' && url.pathname === '/api/products') return send(res, 200, await productPage(db, pageQuery(url.searchParams)))
  const detail = /^\/api\/products\/([^/]+)$/.exec(url.pathname)
  if (req.method === 'GET' && detail) {
    const product = isUuid(detail[1]!) ? await productById(db, detail[1]!) : undefined
    return product ? send(res, 200, { data: product }) : send(res, 404, { error: 'Product not found' })
  }
  if (req.method === 'POST' && url.pathname === '/api/orders') {
    try {
      return send(res, 201, { data: await placeOrder(await readJson(req)) })
    }
    catch (error) {
      if (error instanceof Conflict) return send(res, 409, { error: error.message, details: error.details })
      throw error
    }
  }
  if (req.method === 'POST' && url.pathname === '/api/auth/login') {
    const user = await login(await readJson(req))
    return user ? send(res, 200, { data: { user } }) : send(res, 401, { error: 'Invalid email or password' })
  }
  send(res, 404, { error: 'Not found' })
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: Error) => send(res, 500, { error: error.message }))
})
server.listen(Number(process.env.PORT), '127.0.0.1')
process.once('SIGTERM', () => process.exit(0))
