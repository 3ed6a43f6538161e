import { describe, expect, it } from 'vitest'
import { ConfigError } from './config-error.ts'
import { parseAllowedHosts } from './allowed-hosts.ts'

const parse = (raw: unknown) => parseAllowedHosts(raw, 'test', 'ALLOWED_HOSTS')

describe('parseAllowedHosts', () => {
  it('takes a comma-separated list or an array, lower-cased, without IPv6 brackets', () => {
    expect(parse('Chat.Example.com, 127.0.0.1,[::1]')).toEqual([
      'chat.example.com',
      '127.0.0.1',
      '::1',
    ])
    expect(parse(['a.example', 'a.example'])).toEqual(['a.example'])
    expect(parse(undefined)).toBeUndefined()
    expect(parse('')).toBeUndefined()
  })

  it('refuses anything that is not a bare host name, naming it', () => {
    for (const raw of [
      'https://chat.example.com',
      'chat.example.com:443',
      'a/b',
      'a,,b',
      [1],
      {},
    ]) {
      expect(() => parse(raw), JSON.stringify(raw)).toThrow(ConfigError)
    }
  })
})
