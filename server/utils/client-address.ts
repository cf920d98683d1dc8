import { isIP } from 'node:net'

/**
 * The client's address as the outermost trusted proxy saw it. Each proxy appends the
 * address it received the request from to X-Forwarded-For, so with `hops` proxies in
 * front of the server the client is the entry `hops` places from the right: whatever
 * stands further left was written by the client itself and proves nothing. Without
 * trusted proxies, or when the header is missing or unreadable, it is the socket's peer.
 */
export function clientAddressFrom(socketAddress: string | undefined, forwardedFor: string | undefined, hops: number): string | undefined {
  if (hops > 0 && forwardedFor) {
    const entries = forwardedFor.split(',').map(entry => entry.trim())
    // Fewer entries than proxies: the request skipped an outer one; the leftmost was still written by a trusted one.
    const candidate = entries[Math.max(0, entries.length - hops)]
    if (candidate && isIP(candidate)) return normalizeAddress(candidate)
  }
  return socketAddress ? normalizeAddress(socketAddress) : undefined
}

/** IPv4 written as IPv6 (`::ffff:192.0.2.1`, as dual-stack sockets report it) becomes plain IPv4. */
function normalizeAddress(address: string) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped ? mapped[1]! : address
}

/**
 * What rate limits count by: an IPv4 address, or the /64 network of an IPv6 one (a single
 * customer line is given a whole /64, so per-address limits would not hold otherwise).
 */
export function rateLimitSubject(address: string): string {
  if (isIP(address) !== 6) return address
  const [head = '', tail = ''] = address.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = address.includes('::') && tail ? tail.split(':') : []
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  return `${groups.slice(0, 4).map(group => group.replace(/^0+(?=.)/, '')).join(':')}::/64`
}
