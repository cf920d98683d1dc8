import { sql } from 'drizzle-orm'
import type { Database } from '../server/database/client.ts'
import { hashPassword } from '../server/lib/password.ts'

export const BENCH_SIZES = { products: 10_000, users: 1_000, orders: 20_000 }

/** Units each ordinary product received: plenty, so that the spread order scenario never runs dry. */
export const RECEIVED_STOCK = 100_000

/** The two products buyers race for: one for the shop, one for the bare baseline, each with this stock. */
export const HOT_STOCK = 500
export const HOT_SKUS = { app: 'BENCH-HOT-APP', baseline: 'BENCH-HOT-BASE' } as const

export const BENCH_PASSWORD = 'bench-password-1234'
export const buyerEmail = (n: number) => `buyer${n}@bench.comptoir.example`

/** Eight kinds of product: a keyword among these matches an eighth of the catalog. */
export const KINDS = ['beans', 'grinder', 'kettle', 'dripper', 'teapot', 'mug', 'filters', 'scale']
const ORIGINS = ['Ethiopia', 'Colombia', 'Kenya', 'Brazil', 'Guatemala', 'Rwanda', 'Sumatra', 'Yunnan', 'Peru', 'Honduras', 'Japan', 'India']
const CATEGORIES = ['Coffee', 'Tea', 'Brewing', 'Pantry']
/** The benchmark's one shipping method, by name (the order scenarios look its id up). */
export const BENCH_SHIPPING = 'Bench post'

const list = (items: string[]) => sql.raw(`array[${items.map(item => `'${item}'`).join(', ')}]`)

/**
 * Loads the benchmark catalog in a handful of set-based statements (generate_series), in one
 * transaction: products, buyers sharing one argon2 hash, past orders with their items and
 * timelines, and a stock ledger that agrees with every product's stock.
 */
export async function seedBench(db: Database) {
  const passwordHash = await hashPassword(BENCH_PASSWORD)
  const ordinary = BENCH_SIZES.products - 2
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into products (name, description, category, price_cents, vat_rate_bp, cost_cents, stock, sku, weight_grams, created_at, updated_at)
      select
        (${list(ORIGINS)})[1 + i % 12] || ' ' || (${list(KINDS)})[1 + i % 8] || ' no. ' || i,
        'Benchmark product ' || i || '. Sturdy, well made and good value, from the benchmark catalog of Comptoir.',
        (${list(CATEGORIES)})[1 + i % 4],
        300 + (i * 7919) % 20000,
        -- Half the catalog at the reduced rate (food), half at the standard one.
        (array[550, 2000])[1 + i % 2],
        150 + (i * 7919) % 10000,
        ${RECEIVED_STOCK},
        'BENCH-P' || lpad(i::text, 5, '0'),
        100 + (i * 37) % 1500,
        now() - interval '400 days' + i * interval '30 minutes',
        now() - interval '400 days' + i * interval '30 minutes'
      from generate_series(1, ${ordinary}) i`)
    await tx.execute(sql`
      insert into products (name, description, category, price_cents, cost_cents, stock, sku, created_at, updated_at)
      values
        ('Limited roast, the shop''s lot', 'Only a few hundred bags.', 'Coffee', 2490, 1200, ${HOT_STOCK}, ${HOT_SKUS.app}, now() - interval '1 day', now() - interval '1 day'),
        ('Limited roast, the baseline''s lot', 'Only a few hundred bags.', 'Coffee', 2490, 1200, ${HOT_STOCK}, ${HOT_SKUS.baseline}, now() - interval '1 day', now() - interval '1 day')`)
    // Orders are delivered: one method by weight, free from €60 (the demo shop's Colissimo).
    await tx.execute(sql`
      insert into shipping_methods (name, description, countries, rates, free_over_cents)
      values (${BENCH_SHIPPING}, 'Benchmark delivery', array['FR'], ${JSON.stringify([{ up_to_grams: 500, price_cents: 490 }, { up_to_grams: 2000, price_cents: 790 }, { up_to_grams: 30_000, price_cents: 1290 }])}::jsonb, 6000)`)
    await tx.execute(sql`
      insert into users (email, username, password_hash, full_name, email_verified_at, created_at, updated_at)
      select 'buyer' || i || '@bench.comptoir.example', 'buyer' || i, ${passwordHash}, 'Buyer ' || i,
        now() - interval '400 days', now() - interval '400 days', now() - interval '400 days'
      from generate_series(1, ${BENCH_SIZES.users}) i`)

    // Numbered products and buyers, then the orders (the newest first) and their lines.
    await tx.execute(sql`create temp table bench_p on commit drop as
      select id, name, price_cents, cost_cents, vat_rate_bp, row_number() over (order by sku) as n from products where sku like 'BENCH-P%'`)
    await tx.execute(sql`create temp table bench_u on commit drop as
      select id, row_number() over (order by username) as n from users where email like '%@bench.comptoir.example'`)
    await tx.execute(sql`create temp table bench_o on commit drop as
      select g as n, gen_random_uuid() as id, u.id as user_id,
        now() - g * interval '13 minutes' as placed_at,
        (case when g <= 100 then 'pending' when g <= 300 then 'confirmed' when g <= 1000 then 'shipped' else 'delivered' end) as status
      from generate_series(1, ${BENCH_SIZES.orders}) g join bench_u u on u.n = 1 + g % ${BENCH_SIZES.users}`)
    // One to three lines per order, on distinct products, one to three units each.
    await tx.execute(sql`create temp table bench_l on commit drop as
      select o.n as order_n, o.id as order_id, o.placed_at, p.id as product_id, p.name, p.price_cents, p.cost_cents, p.vat_rate_bp, 1 + (o.n + k) % 3 as quantity
      from bench_o o
      cross join lateral generate_series(1, 1 + o.n % 3) k
      join bench_p p on p.n = 1 + (o.n * 7919 + k * 4749) % ${ordinary}`)
    // Each line's net at its product's rate, by the rule of shared/utils/vat.ts (rounded half up, per line).
    await tx.execute(sql`alter table bench_l add column net bigint`)
    await tx.execute(sql`update bench_l set net = round(price_cents::numeric * quantity * 10000 / (10000 + vat_rate_bp))`)

    await tx.execute(sql`
      insert into orders (id, user_id, status, total_cents, net_cents, vat_cents, shipping_address, created_at, updated_at)
      select o.id, o.user_id, o.status::order_status, t.total, t.net, t.total - t.net, 'Buyer ' || o.n || E'\n1 rue du Banc\n75001 Paris\nFrance', o.placed_at, o.placed_at
      from bench_o o join (select order_n, sum(quantity * price_cents) as total, sum(net) as net from bench_l group by order_n) t on t.order_n = o.n`)
    await tx.execute(sql`
      insert into order_items (order_id, product_id, product_name, quantity, unit_price_cents, unit_cost_cents, vat_rate_bp, net_cents, vat_cents)
      select order_id, product_id, name, quantity, price_cents, cost_cents, vat_rate_bp, net, quantity * price_cents - net from bench_l`)
    await tx.execute(sql`
      insert into order_events (order_id, from_status, to_status, actor_id, created_at)
      select o.id,
        (array['pending', 'confirmed', 'shipped', 'delivered'])[s - 1]::order_status,
        (array['pending', 'confirmed', 'shipped', 'delivered'])[s]::order_status,
        o.user_id, o.placed_at + (s - 1) * interval '12 hours'
      from bench_o o cross join lateral generate_series(1, array_position(array['pending', 'confirmed', 'shipped', 'delivered'], o.status)) s`)

    // The ledger: what each product received, then every line that took from it, in order.
    await tx.execute(sql`
      insert into stock_movements (product_id, delta, stock_after, reason, note, created_at)
      select id, stock, stock, 'initial', 'Benchmark catalog', created_at from products where sku like 'BENCH-%'`)
    await tx.execute(sql`
      insert into stock_movements (product_id, delta, stock_after, reason, order_id, created_at)
      select product_id, -quantity,
        ${RECEIVED_STOCK} - sum(quantity) over (partition by product_id order by placed_at, order_n desc rows unbounded preceding),
        'order', order_id, placed_at
      from bench_l`)
    await tx.execute(sql`
      update products set stock = products.stock - sold.units
      from (select product_id, sum(quantity) as units from bench_l group by product_id) sold
      where products.id = sold.product_id`)
  })
  // Fresh statistics and visibility map, as autovacuum leaves them on a shop that has been running a while.
  await db.execute(sql`vacuum analyze`)
}
