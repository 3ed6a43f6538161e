/**
 * Whether a `remote_url` points into the network Dify runs in: loopback, link-local (cloud
 * metadata at 169.254.169.254 and fd00:ec2::254 included), private, shared, multicast or reserved
 * addresses, in any spelling. The WHATWG URL parser already turns decimal, octal, hex and short
 * IPv4 forms (`2130706433`, `0177.1`, `0x7f.1`) into dotted quads and IPv6 into its compressed
 * form, so only those two shapes are checked here; IPv6 forms that carry an IPv4 address
 * (mapped, compatible, NAT64, 6to4) are checked by that address. A host name is refused when it
 * is local by definition (`localhost`, single-label, `.internal`, `.local`); names that resolve
 * to a private address are left to Dify's own SSRF guard, which resolves them.
 */
export function isInternalUrl(url: string): boolean {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return true
  }
  if (host.startsWith('[')) return isInternalIpv6(host.slice(1, -1))
  const ipv4 = parseIpv4(host)
  if (ipv4) return isInternalIpv4(ipv4)
  const name = host.replace(/\.$/, '')
  return (
    !name.includes('.') ||
    /(^|\.)(localhost|internal|local|localdomain|home\.arpa)$/.test(name) ||
    name === 'metadata.google.internal'
  )
}

type Quad = [number, number, number, number]

function parseIpv4(host: string): Quad | null {
  const parts = host.split('.')
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null
  return parts.map(Number) as Quad
}

/** Private, shared, loopback, link-local, benchmark, documentation, multicast and reserved. */
const INTERNAL_IPV4: ReadonlyArray<[Quad, number]> = [
  [[0, 0, 0, 0], 8],
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10],
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16],
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24],
  [[192, 0, 2, 0], 24],
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15],
  [[198, 51, 100, 0], 24],
  [[203, 0, 113, 0], 24],
  [[224, 0, 0, 0], 3],
]

function isInternalIpv4(quad: Quad): boolean {
  const value = ((quad[0] << 24) | (quad[1] << 16) | (quad[2] << 8) | quad[3]) >>> 0
  return INTERNAL_IPV4.some(([base, bits]) => {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
    const start = ((base[0] << 24) | (base[1] << 16) | (base[2] << 8) | base[3]) >>> 0
    return (value & mask) >>> 0 === start
  })
}

/** The eight 16-bit groups of a compressed IPv6 address as the URL parser writes it. */
function ipv6Groups(address: string): number[] | null {
  const [head = '', tail, extra] = address.split('::')
  if (extra !== undefined) return null
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)))
  const front = groups(head)
  const back = tail === undefined ? [] : groups(tail)
  const missing = 8 - front.length - back.length
  if (missing < 0 || (tail === undefined && missing !== 0)) return null
  const all = [...front, ...Array<number>(missing).fill(0), ...back]
  return all.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? all : null
}

function embeddedIpv4(high: number, low: number): Quad {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff]
}

function isInternalIpv6(address: string): boolean {
  const groups = ipv6Groups(address)
  if (!groups) return true
  const group = (index: number) => groups[index]!
  const zeroBefore = (index: number) => groups.slice(0, index).every((value) => value === 0)
  const lastFour = () => embeddedIpv4(group(6), group(7))
  // ::, ::1 and IPv4-compatible ::a.b.c.d
  if (zeroBefore(6)) return true
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-translated ::ffff:0:a.b.c.d
  if (zeroBefore(5) && group(5) === 0xffff) return isInternalIpv4(lastFour())
  if (zeroBefore(4) && group(4) === 0xffff && group(5) === 0) return isInternalIpv4(lastFour())
  // NAT64: the well-known 64:ff9b::/96 by its IPv4 address; the local-use 64:ff9b:1::/48 always
  if (group(0) === 0x64 && group(1) === 0xff9b) return group(2) !== 0 || isInternalIpv4(lastFour())
  // 6to4 2002:a.b.c.d::/48 by its IPv4 address
  if (group(0) === 0x2002) return isInternalIpv4(embeddedIpv4(group(1), group(2)))
  // Teredo 2001::/32 (tunnels to anywhere) and documentation 2001:db8::/32
  if (group(0) === 0x2001 && (group(1) === 0 || group(1) === 0xdb8)) return true
  const first = group(0)
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7 (AWS metadata fd00:ec2::254)
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xffc0) === 0xfec0 || // site-local fec0::/10
    (first & 0xff00) === 0xff00 // multicast ff00::/8
  )
}
