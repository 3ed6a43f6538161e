import { describe, expect, it } from 'vitest'
import { singleCookie } from './visitor-cookie.ts'

describe('singleCookie', () => {
  it('reads the one cookie of that name among others', () => {
    expect(singleCookie('a=1; chatskins_visitor=v.s; b=2', 'chatskins_visitor')).toBe('v.s')
    expect(singleCookie('chatskins_visitor_x=1', 'chatskins_visitor')).toBeUndefined()
    expect(singleCookie(undefined, 'chatskins_visitor')).toBeUndefined()
  })

  it('trusts neither of two cookies with the same name', () => {
    expect(singleCookie('chatskins_visitor=a.s; chatskins_visitor=b.s', 'chatskins_visitor')).toBe(
      undefined,
    )
  })
})
