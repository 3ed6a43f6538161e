import { describe, expect, it } from 'vitest'
import { acceptedCodings } from './encodings.ts'

describe('acceptedCodings', () => {
  it('prefers brotli when a browser takes both', () => {
    expect(acceptedCodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip'])
  })
  it('follows q-values and refusals', () => {
    expect(acceptedCodings('br;q=0.5, gzip')).toEqual(['gzip', 'br'])
    expect(acceptedCodings('br;q=0, gzip')).toEqual(['gzip'])
    expect(acceptedCodings('*;q=0.1, gzip;q=0')).toEqual(['br'])
  })
  it('takes nothing without the header or with identity only', () => {
    expect(acceptedCodings(undefined)).toEqual([])
    expect(acceptedCodings('identity')).toEqual([])
  })
})
