import { describe, expect, it } from 'vitest'
import { addressBucket, clientAddress } from './client-address.ts'

describe('clientAddress', () => {
  it('is the socket peer unless proxies are trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', 0)).toBe('203.0.113.9')
    expect(clientAddress('203.0.113.9', undefined, 0)).toBe('203.0.113.9')
  })

  it('with one trusted proxy, is the last entry that proxy appended', () => {
    // The client sent "1.1.1.1" itself; the proxy appended the peer it saw.
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.7', 1)).toBe('198.51.100.7')
  })

  it('with two trusted proxies, counts two entries from the right', () => {
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.7, 10.0.0.1', 2)).toBe('198.51.100.7')
  })

  it('falls back to the leftmost hop when there are fewer entries than trusted proxies', () => {
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2')
    expect(clientAddress('10.0.0.2', '198.51.100.7', 3)).toBe('198.51.100.7')
    expect(clientAddress(undefined, ' , ', 0)).toBe('unknown')
  })
})

describe('addressBucket', () => {
  it('keeps IPv4 as it is, and unwraps IPv4-mapped IPv6', () => {
    expect(addressBucket('203.0.113.9')).toBe('203.0.113.9')
    expect(addressBucket('::ffff:203.0.113.9')).toBe('203.0.113.9')
  })

  it('counts IPv6 by its /64, however it is spelled', () => {
    const bucket = '2001:db8:85a3:8d3::/64'
    expect(addressBucket('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe(bucket)
    expect(addressBucket('2001:0DB8:85a3:08d3::1')).toBe(bucket)
    expect(addressBucket('2001:db8:85a3:8d3::')).toBe(bucket)
    expect(addressBucket('2001:db8:85a3:8d4::1')).not.toBe(bucket)
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressBucket('::1')).toBe('0:0:0:0::/64')
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
  })
})
