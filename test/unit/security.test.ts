import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { safeRedirect } from '../../shared/utils/auth'
import { clientAddressFrom, rateLimitSubject } from '../../server/utils/client-address'
import { headScriptHashes } from '../../server/utils/csp'
import { pageCachePath } from '../../server/utils/page-cache-path'

describe('clientAddressFrom', () => {
  it('takes the socket without trusted proxies, whatever X-Forwarded-For says', () => {
    expect(clientAddressFrom('192.0.2.9', '203.0.113.1', 0)).toBe('192.0.2.9')
  })

  it('counts trusted hops from the right: the client\'s own entries to the left prove nothing', () => {
    expect(clientAddressFrom('10.0.0.2', 'forged, 203.0.113.7', 1)).toBe('203.0.113.7')
    expect(clientAddressFrom('10.0.0.2', '198.51.100.1, 203.0.113.7, 10.0.0.1', 2)).toBe('203.0.113.7')
    expect(clientAddressFrom('10.0.0.2', ' 203.0.113.7 ', 3)).toBe('203.0.113.7')
  })

  it('falls back to the socket when the entry is not an address', () => {
    expect(clientAddressFrom('10.0.0.2', '203.0.113.7, not-an-ip', 1)).toBe('10.0.0.2')
    expect(clientAddressFrom('10.0.0.2', '', 1)).toBe('10.0.0.2')
    expect(clientAddressFrom(undefined, undefined, 1)).toBeUndefined()
  })

  it('reads IPv4 written as IPv6 as IPv4', () => {
    expect(clientAddressFrom('::ffff:192.0.2.4', undefined, 0)).toBe('192.0.2.4')
  })
})

describe('rateLimitSubject', () => {
  it('keeps IPv4 as it is and counts IPv6 by its /64', () => {
    expect(rateLimitSubject('192.0.2.4')).toBe('192.0.2.4')
    expect(rateLimitSubject('2001:db8:aa:bb::1')).toBe('2001:db8:aa:bb::/64')
    expect(rateLimitSubject('2001:0DB8:00aa:00bb:ffff:1:2:3')).toBe('2001:db8:aa:bb::/64')
    expect(rateLimitSubject('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(rateLimitSubject('::1')).toBe('0:0:0:0::/64')
  })
})

const sha256 = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`

describe('headScriptHashes', () => {
  it('hashes the scripts of the head and of the end of the body, never those in the rendered markup', () => {
    const html = {
      head: ['<script type="importmap">{"imports":{}}</script><script type="application/ld+json">{}</script>'],
      bodyPrepend: ['<div id="teleports"><script>alert("teleported")</script></div>'],
      body: ['<div id="__nuxt"><p>Nice coffee</p><script>alert("injected")</script></div>'],
      bodyAppend: ['<script>window.__NUXT__={}</script><script type="module" src="/_nuxt/entry.js"></script>'],
    }
    expect(headScriptHashes(html)).toEqual([sha256('{"imports":{}}'), sha256('window.__NUXT__={}')])
  })
})

describe('safeRedirect', () => {
  const origin = 'https://shop.example'
  it('keeps paths of the site, with their query and fragment', () => {
    expect(safeRedirect('/orders/1?placed=1#top', '/', origin)).toBe('/orders/1?placed=1#top')
    expect(safeRedirect('https://shop.example/account', '/', origin)).toBe('/account')
  })

  it('refuses whatever a browser would take to another origin', () => {
    for (const target of ['//evil.example', '/\t/evil.example', '/\\evil.example', '\\\\evil.example', '/.//evil.example', 'http:evil.example', 'javascript:alert(1)', 'https://shop.example.evil.example/', '/api/auth/logout', '', 42, undefined]) {
      expect(safeRedirect(target, '/', origin), JSON.stringify(target)).toBe('/')
    }
  })
})

describe('pageCachePath', () => {
  it('keys the catalog by its known filters in a fixed order, defaults dropped', () => {
    expect(pageCachePath('/products', { x: '1', utm_source: 'mail' })).toBe('/products')
    expect(pageCachePath('/products', { sort_by: 'created_at', order: 'desc', page: '1' })).toBe('/products')
    expect(pageCachePath('/products', { in_stock_only: 'true', order: 'asc', sort_by: 'price', page: '2' })).toBe('/products?page=2&sort_by=price&order=asc&in_stock_only=true')
    expect(pageCachePath('/products/abc', { x: '1' })).toBe('/products/abc')
  })

  it('keeps no search, price range or far page', () => {
    expect(pageCachePath('/products', { keyword: 'mug' })).toBeUndefined()
    expect(pageCachePath('/products', { max_price: '10' })).toBeUndefined()
    expect(pageCachePath('/products', { page: '101' })).toBeUndefined()
  })
})
