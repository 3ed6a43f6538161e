import { describe, expect, it } from 'vitest'
import { errorMessageKey } from './chat-error.ts'

describe('errorMessageKey', () => {
  it("tells chatskins' own limits apart from Dify's", () => {
    expect(errorMessageKey({ code: 'rate_limited', status: 429, message: '' })).toBe(
      'error.slowDown',
    )
    expect(errorMessageKey({ code: 'too_many_streams', status: 429, message: '' })).toBe(
      'error.tooManyStreams',
    )
    // Dify's or the model provider's 429 stays the generic "too many messages right now".
    expect(errorMessageKey({ code: 'too_many_requests', status: 429, message: '' })).toBe(
      'error.rateLimited',
    )
    expect(errorMessageKey({ code: 'http_429', status: 429, message: '' })).toBe(
      'error.rateLimited',
    )
  })
})
