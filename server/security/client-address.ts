/**
 * The client's IP address: the socket's peer, or with `trustedProxies` > 0 the address the
 * farthest trusted proxy saw, counted from the right of `X-Forwarded-For` (each proxy appends the
 * peer it saw, so entries left of that are whatever the client chose to send).
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: number,
): string {
  const hops = [
    ...(forwardedFor ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    socketAddress ?? 'unknown',
  ]
  return hops[Math.max(0, hops.length - 1 - trustedProxies)]!
}

/**
 * What one client is counted by: an IPv4 address, or an IPv6 address's /64 prefix, since one
 * subscriber usually gets a whole /64 and could otherwise rotate through it.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (!address.includes(':')) return address
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::')
  const left = head ? head.split(':') : []
  const right = address.includes('::') && tail ? tail.split(':') : []
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
