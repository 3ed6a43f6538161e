import { describe, expect, it } from 'vitest'
import { isInternalUrl } from './internal-address.ts'

describe('isInternalUrl', () => {
  it('refuses loopback, private, link-local and metadata IPv4 in every spelling', () => {
    for (const url of [
      'http://127.0.0.1/x',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://0177.0.0.1/',
      'http://0x7f.1/',
      'http://0/',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://172.31.255.255/',
      'http://192.168.1.1:8080/',
      'http://169.254.169.254/latest/meta-data/',
      'http://0xa9fea9fe/',
      'http://100.100.100.200/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
    ]) {
      expect(isInternalUrl(url), url).toBe(true)
    }
  })

  it('refuses IPv6 loopback, local, link-local and IPv4 carried inside IPv6', () => {
    for (const url of [
      'http://[::1]/',
      'http://[::]/',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://[::127.0.0.1]/',
      'http://[fe80::1]/',
      'http://[fd00:ec2::254]/',
      'http://[fc00::1]/',
      'http://[64:ff9b::a00:1]/',
      'http://[2002:7f00:1::]/',
      'http://[ff02::1]/',
    ]) {
      expect(isInternalUrl(url), url).toBe(true)
    }
  })

  it('refuses names that are local by definition, and anything unparsable', () => {
    for (const url of [
      'http://localhost/',
      'http://LOCALHOST./',
      'http://api.localhost/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://redis:6379/',
      'http://printer.local/',
      'not a url',
    ]) {
      expect(isInternalUrl(url), url).toBe(true)
    }
  })

  it('lets public addresses and names through', () => {
    for (const url of [
      'https://example.com/a.png',
      'http://93.184.216.34/',
      'http://172.32.0.1/',
      'http://[2606:4700::1111]/',
      'http://[::ffff:93.184.216.34]/',
      'http://[64:ff9b::5db8:d822]/',
      'https://cdn.example.org:8443/x.pdf',
    ]) {
      expect(isInternalUrl(url), url).toBe(false)
    }
  })
})
