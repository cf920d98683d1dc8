import { createPinia, getActivePinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cartLine, mockApi, product, reply, user, uuid } from './helpers'

const COOKIE = 'comptoir_cart'

/**
 * What the browser keeps in the cart cookie (undefined when there is none). A cookie removed
 * with Max-Age=0 lingers in happy-dom, empty, until its clock moves on: a browser drops it.
 */
function rawCookie() {
  return document.cookie.split('; ').find(part => part.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1)
}

/** The cookie spells a line `id:quantity[:price]`, lines joined by `|`. */
function cookieCart(): unknown {
  const value = rawCookie()
  return value
    ? value.split('|').map((part) => {
        const [product_id, quantity, price] = part.split(':')
        return { product_id, quantity: Number(quantity), ...(price === undefined ? {} : { price: Number(price) }) }
      })
    : undefined
}

/** A cart cookie as carts were kept before (JSON), or as a visitor edited it. */
function setCookieCart(value: unknown) {
  document.cookie = `${COOKIE}=${encodeURIComponent(JSON.stringify(value))}; path=/`
}

function removeCookie() {
  document.cookie = `${COOKIE}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`
}

/** A new page load: fresh stores, reading the cookie the browser kept. */
function reload() {
  // The last page's stores stop (and stop watching the cookie).
  getActivePinia()?._e.stop()
  setActivePinia(createPinia())
  return useCartStore()
}

function signIn() {
  useAuthStore().user = user()
}

describe('cart store', () => {
  beforeEach(() => {
    removeCookie()
    reload()
  })
  afterEach(() => {
    getActivePinia()?._e.stop()
    removeCookie()
  })

  describe('a guest', () => {
    it('adds a product: the count, the quantity and the price seen', async () => {
      const cart = useCartStore()
      const saves = mockApi('/api/cart', 'PUT')
      const coffee = product({ price: 12.5, stock: 10 })

      expect(await cart.add(coffee, 2)).toBe(2)
      expect(await cart.add(coffee, 1)).toBe(3)

      expect(cart.count).toBe(3)
      expect(cart.quantityOf(coffee.id)).toBe(3)
      expect(cart.lines).toEqual([{ product_id: coffee.id, quantity: 3, price: 12.5 }])
      // A guest's cart lives on this device only.
      expect(saves).toHaveLength(0)
    })

    it('keeps the cart in a cookie that survives a reload', async () => {
      const cart = useCartStore()
      const tea = product({ price: 4 })
      await cart.add(tea, 2)
      await nextTick()

      expect(cookieCart()).toEqual([{ product_id: tea.id, quantity: 2, price: 4 }])
      const afterReload = reload()
      expect(afterReload.count).toBe(2)
      expect(afterReload.lines).toEqual([{ product_id: tea.id, quantity: 2, price: 4 }])
    })

    it('sets no cookie while the cart is empty, and removes it when the cart is emptied', async () => {
      const cart = useCartStore()
      await nextTick()
      expect(cookieCart()).toBeUndefined()

      const mug = product()
      await cart.add(mug, 1)
      await nextTick()
      expect(cookieCart()).toBeDefined()

      await cart.setQuantity(mug.id, 0)
      await nextTick()
      expect(cart.count).toBe(0)
      expect(cart.lines).toEqual([])
      expect(cookieCart()).toBeUndefined()
    })

    it('adds no more than the stock, and at most 1000 of a product', async () => {
      const cart = useCartStore()
      const rare = product({ stock: 3 })
      const plenty = product({ stock: 50_000 })

      expect(await cart.add(rare, 5)).toBe(3)
      expect(await cart.add(rare, 1)).toBe(3)
      expect(cart.quantityOf(rare.id)).toBe(3)

      expect(await cart.add(plenty, 4000)).toBe(1000)
      expect(cart.quantityOf(plenty.id)).toBe(1000)
      expect(cart.count).toBe(1003)
    })

    it('keeps the price first seen when the same product is added again at a new price', async () => {
      const cart = useCartStore()
      const beans = product({ price: 9.9 })
      await cart.add(beans, 1)
      await cart.add({ ...beans, price: 11 }, 1)

      expect(cart.lines).toEqual([{ product_id: beans.id, quantity: 2, price: 9.9 }])
    })

    it('changes a quantity in place and removes a line set to 0, leaving the others', async () => {
      const cart = useCartStore()
      const [a, b, c] = [product(), product(), product()]
      await cart.add(a, 1)
      await cart.add(b, 1)
      await cart.add(c, 1)

      await cart.setQuantity(b.id, 4)
      expect(cart.lines.map(line => [line.product_id, line.quantity])).toEqual([[a.id, 1], [b.id, 4], [c.id, 1]])

      await cart.setQuantity(a.id, 0)
      expect(cart.lines.map(line => [line.product_id, line.quantity])).toEqual([[b.id, 4], [c.id, 1]])
      expect(cart.count).toBe(5)
    })

    it('holds at most 50 lines, in a cookie a browser keeps (under 4096 bytes), and says when it is full', async () => {
      const cart = useCartStore()
      for (let n = 1; n <= 50; n++) await cart.add(product({ id: uuid(1000 + n), price: 999_999.99, stock: 5000 }), 1000)
      expect(cart.lines).toHaveLength(50)
      expect(cart.isFull).toBe(true)
      expect(`${COOKIE}=${rawCookie()}`.length).toBeLessThan(4096)
      expect(reload().lines).toHaveLength(50)

      const full = useCartStore()
      const extra = product()
      expect(await full.add(extra, 1)).toBe(0)
      expect(full.lines).toHaveLength(50)
      expect(full.quantityOf(extra.id)).toBe(0)
    })

    it('sends a signed-in customer\'s full cart no 51st line, and no quantity over 1000', async () => {
      signIn()
      const saves = mockApi('/api/cart', 'PUT')
      const cart = useCartStore()
      for (let n = 1; n <= 50; n++) await cart.setQuantity(uuid(2000 + n), 1)
      await cart.add(product(), 1)
      await cart.setQuantity(uuid(2001), 5000)

      expect(saves).toHaveLength(51)
      expect(saves.at(-1)!.body.items).toHaveLength(50)
      expect(saves.at(-1)!.body.items[0]).toEqual({ product_id: uuid(2001), quantity: 1000 })
    })

    it('reads only well-formed lines from a cookie the visitor edited', () => {
      const good = uuid(1)
      setCookieCart([
        { product_id: good, quantity: 2, price: 3.5 },
        { product_id: good, quantity: 7 }, // the same product again
        { product_id: 'not-a-uuid', quantity: 1 },
        { product_id: uuid(2), quantity: 0 },
        { product_id: uuid(3), quantity: -4 },
        { product_id: uuid(4), quantity: 1.5 },
        { product_id: uuid(5), quantity: '2' },
        { product_id: uuid(6), quantity: 99_999, price: -1 },
        null,
      ])
      const cart = reload()

      expect(cart.lines).toEqual([
        { product_id: good, quantity: 2, price: 3.5 },
        { product_id: uuid(6), quantity: 1000 },
      ])
      expect(cart.count).toBe(1002)
    })

    it('starts empty when the cookie holds no list', () => {
      setCookieCart({ product_id: uuid(1), quantity: 1 })
      expect(reload().lines).toEqual([])
      document.cookie = `${COOKIE}=%7Bnot%20json; path=/`
      expect(reload().count).toBe(0)
    })

    it('forgets the cart on sign-out without asking the server', async () => {
      const cart = useCartStore()
      const saves = mockApi('/api/cart', 'PUT')
      await cart.add(product(), 2)

      cart.forget()
      await nextTick()

      expect(cart.count).toBe(0)
      expect(cookieCart()).toBeUndefined()
      expect(saves).toHaveLength(0)
    })
  })

  describe('quotes', () => {
    it('asks nothing of the server for an empty cart', async () => {
      const quotes = mockApi('/api/cart/quote', 'POST', () => ({ data: [] }))
      expect(await useCartStore().quote()).toEqual([])
      expect(quotes).toHaveLength(0)
    })

    it('sends the lines and returns the live prices and stock', async () => {
      const cart = useCartStore()
      const item = product({ price: 7 })
      await cart.add(item, 2)
      const live = cartLine({ ...item, price: 8 }, 2, 7)
      const quotes = mockApi('/api/cart/quote', 'POST', () => ({ data: [live] }))

      expect(await cart.quote()).toEqual([live])
      expect(quotes.map(request => request.body)).toEqual([{ items: [{ product_id: item.id, quantity: 2, price: 7 }] }])
    })
  })

  describe('a signed-in customer', () => {
    it('saves every change on the account', async () => {
      signIn()
      const cart = useCartStore()
      const saves = mockApi('/api/cart', 'PUT', () => ({ data: [] }))
      const item = product({ price: 5, stock: 9 })

      await cart.add(item, 2)
      await cart.setQuantity(item.id, 3)
      await cart.setQuantity(item.id, 0)

      expect(saves.map(request => request.body)).toEqual([
        { items: [{ product_id: item.id, quantity: 2, price: 5 }] },
        { items: [{ product_id: item.id, quantity: 3, price: 5 }] },
        { items: [] },
      ])
    })

    it('empties the cart on both sides after an order', async () => {
      signIn()
      const cart = useCartStore()
      const saves = mockApi('/api/cart', 'PUT', () => ({ data: [] }))
      await cart.add(product(), 1)

      await cart.clear()
      await nextTick()

      expect(cart.count).toBe(0)
      expect(cookieCart()).toBeUndefined()
      expect(saves.at(-1)?.body).toEqual({ items: [] })
    })

    it('lets a failed save reach the caller', async () => {
      signIn()
      const cart = useCartStore()
      mockApi('/api/cart', 'PUT', (_request, event) => reply(event, 503, { error: 'Service unavailable' }))
      await expect(cart.add(product(), 1)).rejects.toMatchObject({ statusCode: 503 })
    })

    it('adopts the cart saved on the account (the server render does this)', () => {
      const cart = useCartStore()
      const known = product({ price: 6 })
      const unpriced = product()
      cart.adoptSaved([cartLine(known, 2, 5.5), cartLine(unpriced, 1, null)])

      expect(cart.lines).toEqual([
        { product_id: known.id, quantity: 2, price: 5.5 },
        { product_id: unpriced.id, quantity: 1 },
      ])
    })
  })

  describe('merging the guest cart on sign-in', () => {
    it('adds up quantities, keeps the account\'s price, caps by stock and drops products gone', async () => {
      const cart = useCartStore()
      const both = product({ price: 10, stock: 4 })
      const guestOnly = product({ price: 3, stock: 2 })
      const savedOnly = product({ price: 8, stock: 10 })
      const gone = product()
      const soldOut = product({ stock: 0 })

      await cart.add(both, 3)
      await cart.add(guestOnly, 2)
      await cart.setQuantity(gone.id, 1)
      await cart.add({ ...soldOut, stock: 5 }, 1)

      mockApi('/api/cart', 'GET', () => ({ data: [
        cartLine(both, 2, 9),
        cartLine(savedOnly, 1, null),
        { product_id: uuid(777), quantity: 1, product: null, added_price: 1 },
      ] }))
      const quotes = mockApi('/api/cart/quote', 'POST', () => ({ data: [
        cartLine(both, 3, 10),
        // Stock fell since the guest added these.
        cartLine({ ...guestOnly, stock: 1 }, 2, 3),
        { product_id: gone.id, quantity: 1, product: null, added_price: null },
        cartLine(soldOut, 1, 10),
      ] }))
      const saves = mockApi('/api/cart', 'PUT', () => ({ data: [] }))

      signIn()
      await cart.mergeIntoAccount()

      const merged = [
        { product_id: both.id, quantity: 4, price: 9 },
        { product_id: savedOnly.id, quantity: 1, price: 8 },
        { product_id: guestOnly.id, quantity: 1, price: 3 },
      ]
      expect(quotes[0]?.body.items.map((line: { product_id: string }) => line.product_id)).toEqual([both.id, guestOnly.id, gone.id, soldOut.id])
      expect(cart.lines).toEqual(merged)
      expect(saves.map(request => request.body)).toEqual([{ items: merged }])
      await nextTick()
      expect(cookieCart()).toEqual(merged)
    })

    it('takes the account\'s cart as it is when the guest cart is empty', async () => {
      const cart = useCartStore()
      const saved = product({ price: 2, stock: 3 })
      mockApi('/api/cart', 'GET', () => ({ data: [cartLine(saved, 5, null)] }))
      const quotes = mockApi('/api/cart/quote', 'POST', () => ({ data: [] }))
      const saves = mockApi('/api/cart', 'PUT', () => ({ data: [] }))

      signIn()
      await cart.mergeIntoAccount()

      expect(quotes).toHaveLength(0)
      expect(cart.lines).toEqual([{ product_id: saved.id, quantity: 3, price: 2 }])
      expect(saves.map(request => request.body)).toEqual([{ items: [{ product_id: saved.id, quantity: 3, price: 2 }] }])
    })
  })
})
