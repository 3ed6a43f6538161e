import { describe, expect, it } from 'vitest'
import { absoluteFileUrl } from './file-url.ts'

const ORIGIN = 'http://dify.example:8080'

describe('absoluteFileUrl', () => {
  it('resolves Dify’s relative file URLs against its origin, keeping the signature', () => {
    expect(absoluteFileUrl('/files/tools/f-1.png?timestamp=1&nonce=n&sign=s%2B', ORIGIN)).toBe(
      'http://dify.example:8080/files/tools/f-1.png?timestamp=1&nonce=n&sign=s%2B',
    )
    expect(absoluteFileUrl('files/a/file-preview?sign=x', ORIGIN)).toBe(
      'http://dify.example:8080/files/a/file-preview?sign=x',
    )
  })

  it('keeps absolute http(s) URLs (Dify with FILES_URL) as they are', () => {
    const url = 'https://upload.dify.ai/files/tools/f-1.png?sign=abc'
    expect(absoluteFileUrl(url, ORIGIN)).toBe(url)
    expect(absoluteFileUrl('//cdn.example/x.png', 'https://dify.example')).toBe(
      'https://cdn.example/x.png',
    )
  })

  it('drops every other scheme and non-strings', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:image/svg+xml;base64,PHN2Zy8+',
      'file:///etc/passwd',
      'blob:http://dify.example/1',
      '',
      '   ',
      null,
      42,
    ]) {
      expect(absoluteFileUrl(url, ORIGIN)).toBeNull()
    }
  })
})
