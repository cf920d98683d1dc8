import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readClusterState, startCluster } from '../support/cluster'
import type { ClusterState, RunningCluster } from '../support/cluster'
import { baseURL, page } from './http'
import { mailsTo } from './mailbox'
import { ADDRESS, productFactory } from './orders-helpers'
import { registered, signedInAdmin } from './session'
import type { Session } from './session'

// Run only through the cluster (TEST_TARGET=cluster: three instances behind nginx): what the instances must agree on.
const stateFile = inject('clusterState')
const serverLog = inject('serverLog')
const sql = postgres(inject('databaseUrl'), { max: 2, onnotice: () => {} })
const state = () => readClusterState(stateFile)
const instanceUrls = () => state().instances.map(instance => instance.url)

let admin: Session
beforeAll(async () => {
  admin = (await signedInAdmin()).session
})
afterAll(() => sql.end())
const newProduct = productFactory(() => admin)

/** Waits until every instance is up again (the cluster restarts one that died). */
async function allUp(timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const current = state()
    if (current.instances.every(instance => instance.state === 'up')) return current
    await sleep(200)
  }
  throw new Error(`instances not all up: ${JSON.stringify(state().instances)}`)
}

function placeOrder(session: Session, productId: string, quantity: number, key: string) {
  return session.request('/api/orders', { method: 'POST', json: { items: [{ product_id: productId, quantity }], shipping_address: ADDRESS }, headers: { 'idempotency-key': key } })
}

async function orderedQuantity(productId: string) {
  const [row] = await sql<{ orders: number, quantity: number, stock: number }[]>`
    select count(distinct oi.order_id)::int as orders, coalesce(sum(oi.quantity), 0)::int as quantity,
           (select stock from products where id = ${productId}) as stock
    from order_items oi where oi.product_id = ${productId}`
  return row!
}

describe('sessions across instances', () => {
  it('honours a sign-out made on one instance on the next request to the others', async () => {
    const [first, second, third] = instanceUrls()
    const { session } = await registered('signout', { base: first! })
    const elsewhere = [session.clone(second!), session.clone(third!)]
    for (const other of elsewhere) expect((await other.request('/api/auth/profile')).status).toBe(200)

    expect((await session.request('/api/auth/logout', { method: 'POST' })).status).toBe(200)
    for (const other of elsewhere) {
      expect((await other.request('/api/auth/profile')).status).toBe(401)
      // The refresh token was revoked too: no instance renews the session.
      expect((await other.request('/api/auth/refresh', { method: 'POST' })).status).toBe(401)
    }
  })

  it('honours a deactivation made on one instance on the next request to the others', async () => {
    const [first, second, third] = instanceUrls()
    const customer = await registered('deactivated', { base: second! })
    const onThird = customer.session.clone(third!)
    expect((await onThird.request('/api/cart')).status).toBe(200)

    const byAdmin = admin.clone(first!)
    expect((await byAdmin.request(`/api/users/${customer.user.id}`, { method: 'PUT', json: { is_active: false } })).status).toBe(200)
    expect((await customer.session.request('/api/cart')).status).toBe(401)
    expect((await onThird.request('/api/cart')).status).toBe(401)
  })
})

describe('catalog changes across instances', () => {
  it('shows a price changed through one instance on the pages and reads of the others within a second', async () => {
    const product = await newProduct({ price: 31.5 })
    const [first, ...others] = instanceUrls()
    // Warm the other instances' caches: the page and the read they would serve again.
    for (const url of others) {
      expect((await fetch(`${url}/api/products/${product.id}`).then(r => r.json())).data.price).toBe(31.5)
      expect(await fetch(`${url}/products/${product.id}`, { headers: { accept: 'text/html' } }).then(r => r.text())).toContain('31.50')
    }

    const changed = await admin.clone(first!).request(`/api/products/${product.id}`, { method: 'PUT', json: { price: 43.21 } })
    expect(changed.status).toBe(200)
    const deadline = Date.now() + 1000
    const seen = new Set<string>()
    while (seen.size < others.length * 2 && Date.now() < deadline) {
      for (const url of others) {
        if ((await fetch(`${url}/api/products/${product.id}`).then(r => r.json())).data.price === 43.21) seen.add(`${url} read`)
        if ((await fetch(`${url}/products/${product.id}`, { headers: { accept: 'text/html' } }).then(r => r.text())).includes('43.21')) seen.add(`${url} page`)
      }
      await sleep(25)
    }
    expect([...seen].sort()).toEqual(others.flatMap(url => [`${url} page`, `${url} read`]).sort())
  })
})

describe('the mail outbox drained by three instances', () => {
  it('sends every mail once, whichever instance claims it', async () => {
    const customers = await Promise.all(Array.from({ length: 8 }, () => registered('outbox', { verified: false })))
    // Two more verification mails each, asked for all at once through the balancer.
    const resent = await Promise.all(customers.flatMap(({ session }) => [1, 2].map(() => session.request('/api/auth/verify-email/resend', { method: 'POST' }))))
    expect(resent.map(r => r.status)).toEqual(resent.map(() => 200))

    for (const { account } of customers) expect(await mailsTo(account.email, 3)).toHaveLength(3)
    // A late duplicate would come from a second claim of the same row: give the workers time to make one.
    await sleep(2500)
    for (const { account } of customers) expect(await mailsTo(account.email, 3)).toHaveLength(3)

    // The cluster adds each instance's name to its JSON log lines.
    const senders = new Set(readFileSync(serverLog, 'utf8').split('\n')
      .filter(line => line.includes('"mail sent"') && customers.some(({ account }) => line.includes(account.email)))
      .map(line => (JSON.parse(line) as { instance: string }).instance))
    expect(senders.size).toBeGreaterThanOrEqual(2)
  })
})

describe('an instance killed under load', () => {
  it('loses no acknowledged order, and the balancer routes around it', async () => {
    const product = await newProduct({ price: 5, stock: 1000 })
    const buyers = await Promise.all([1, 2, 3].map(() => registered('killed')))
    const attempts = Array.from({ length: 45 }, (_, n) => ({ buyer: buyers[n % 3]!.session, quantity: 1 + (n % 2), key: `killed-${product.id}-${n}` }))
    const victim = state().instances[1]!
    const statuses: number[] = []
    let acknowledged = 0
    let next = 0
    await Promise.all(Array.from({ length: 6 }, async () => {
      while (next < attempts.length) {
        const attempt = attempts[next++]!
        const res = await placeOrder(attempt.buyer, product.id, attempt.quantity, attempt.key)
        statuses.push(res.status)
        if (res.status === 201 && ++acknowledged === 12) process.kill(victim.pid, 'SIGKILL')
      }
    }))
    // Only the requests the dead instance was carrying fail, with the balancer's 502: nginx never resends a POST it sent.
    const failures = statuses.filter(status => status !== 201)
    console.info(`[cluster] instance killed after 12 orders: ${statuses.length - failures.length} answered 201, ${failures.length} answered 502`)
    expect(failures.every(status => status === 502), `statuses: ${statuses.join(',')}`).toBe(true)
    expect(failures.length).toBeLessThanOrEqual(6)

    // The balancer sends nothing more to the dead instance.
    const reads = await Promise.all(Array.from({ length: 30 }, () => fetch(`${baseURL}/api/products/${product.id}`).then(r => r.status)))
    expect(reads).toEqual(reads.map(() => 200))

    // A customer who got no answer tries again with the same key: each attempt ends as exactly one order.
    for (const attempt of attempts) {
      const res = await placeOrder(attempt.buyer, product.id, attempt.quantity, attempt.key)
      expect([200, 201]).toContain(res.status)
    }
    const totals = await orderedQuantity(product.id)
    const quantity = attempts.reduce((sum, attempt) => sum + attempt.quantity, 0)
    expect(totals).toEqual({ orders: attempts.length, quantity, stock: 1000 - quantity })

    const restarted = await allUp()
    expect(restarted.instances[1]!.pid).not.toBe(victim.pid)
  })
})

describe('a rolling restart under load', () => {
  it('answers no 5xx while each instance is taken out, stopped with SIGTERM and started again', async () => {
    const product = await newProduct({ price: 7, stock: 1000 })
    const { session: buyer } = await registered('rolling')
    const before = state()
    const logStart = readFileSync(serverLog, 'utf8').length
    const restarted = () => readFileSync(serverLog, 'utf8').slice(logStart).includes('rolling restart done')

    const statuses = new Map<string, number>()
    const count = (what: string) => statuses.set(what, (statuses.get(what) ?? 0) + 1)
    let orders = 0
    let resent = 0
    let done = false
    /*
     * nginx reloads twice per instance; its old workers then close their idle keep-alive
     * connections, and a request sent on one at that moment meets a closed connection, with
     * no answer. A browser sends such a request again on a new connection, as done here (an
     * order carries its Idempotency-Key, so resending it cannot place it twice).
     */
    const send = async (request: () => Promise<{ status: number }>) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await request()
        }
        catch (error) {
          const code = ((error as Error).cause as { code?: string } | undefined)?.code
          if (attempt === 3 || !['UND_ERR_SOCKET', 'ECONNRESET'].includes(code ?? '')) throw error
          resent++
        }
      }
    }
    const load = Promise.all(Array.from({ length: 4 }, async (_, worker) => {
      for (let n = 0; !done; n++) {
        const kind = (worker + n) % 4
        const res = await send(() => kind === 0
          ? page(`/products/${product.id}`)
          : kind === 1
            ? buyer.request('/api/cart/quote', { method: 'POST', json: { items: [{ product_id: product.id, quantity: 1 }] } })
            : kind === 2
              ? placeOrder(buyer, product.id, 1, `rolling-${worker}-${n}`)
              : buyer.request('/api/products?limit=5'))
        // A resent order whose first sending did arrive is answered 200 with the order already placed.
        if (kind === 2 && [200, 201].includes(res.status)) orders++
        count(String(res.status))
      }
    }))
    process.kill(before.pid, 'SIGHUP')
    const deadline = Date.now() + 120_000
    while (!restarted() && Date.now() < deadline) await sleep(250)
    done = true
    await load

    expect(restarted()).toBe(true)
    console.info(`[cluster] rolling restart under load: ${JSON.stringify(Object.fromEntries(statuses))}, ${orders} orders, ${resent} requests resent after a closed keep-alive connection`)
    const after = await allUp()
    for (const [n, instance] of after.instances.entries()) expect(instance.pid).not.toBe(before.instances[n]!.pid)
    expect([...statuses.keys()].sort()).toEqual(['200', '201'])
    expect((await orderedQuantity(product.id)).orders).toBe(orders)
    // Six reloads, four clients: a closed idle connection at most once per client and reload.
    expect(resent).toBeLessThanOrEqual(24)
  })
})

describe('sign-in limits across instances', () => {
  let cluster: RunningCluster
  let cwd: string
  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'comptoir-limits-'))
    cluster = await startCluster({ cwd, env: { DATABASE_URL: inject('databaseUrl'), RATE_LIMIT: 'on' }, name: 'limited' })
  }, 120_000)
  afterAll(async () => {
    await cluster?.stop()
    rmSync(cwd, { recursive: true, force: true })
  })

  it('count the attempts of every instance together: 30 wrong passwords spread over three get at most 5 answers', async () => {
    const limited: ClusterState = cluster.state()
    const { email } = (await registered('limited', { verified: false })).account
    const attempt = (url: string, headers: Record<string, string> = {}) => fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'origin': url, ...headers },
      body: JSON.stringify({ email, password: 'not the password' }),
    }).then(r => r.status)

    const statuses = await Promise.all(Array.from({ length: 30 }, (_, n) => attempt(limited.instances[n % 3]!.url)))
    const answered = statuses.filter(status => status === 401).length
    expect(answered).toBeGreaterThanOrEqual(1)
    expect(answered).toBeLessThanOrEqual(5)
    expect(statuses.filter(status => status === 429)).toHaveLength(30 - answered)

    // Through the balancer the address is the one nginx saw: a forged X-Forwarded-For starts no fresh count.
    expect(await attempt(cluster.url, { 'x-forwarded-for': '203.0.113.9' })).toBe(429)
  })
})
