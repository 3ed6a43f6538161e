import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifySiteToken } from './site-token.ts'

const SECRET = 'an-embed-secret-of-at-least-32-characters'
const NOW = 1_800_000_000

/** The README's signer, word for word in spirit: what an operator's backend runs. */
function sign(claims: unknown, secret = SECRET): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  const signature = createHmac('sha256', secret).update(payload).digest('base64url')
  return `${payload}.${signature}`
}

describe('verifySiteToken', () => {
  it('accepts a token signed with the secret, before it expires', async () => {
    const result = await verifySiteToken(SECRET, sign({ sub: 'alice', exp: NOW + 60 }), NOW)
    expect(result).toEqual({ ok: true, identity: { sub: 'alice', exp: NOW + 60 } })
  })

  it('refuses an expired token', async () => {
    const result = await verifySiteToken(SECRET, sign({ sub: 'alice', exp: NOW }), NOW)
    expect(result).toEqual({ ok: false, reason: 'expired' })
  })

  it('refuses a token signed with another secret', async () => {
    const token = sign({ sub: 'alice', exp: NOW + 60 }, 'another-secret-of-at-least-32-chars!!')
    expect(await verifySiteToken(SECRET, token, NOW)).toEqual({ ok: false, reason: 'forged' })
  })

  it('refuses a token whose claims were changed after signing', async () => {
    const [, signature] = sign({ sub: 'alice', exp: NOW + 60 }).split('.')
    const payload = Buffer.from(JSON.stringify({ sub: 'mallory', exp: NOW + 60 })).toString(
      'base64url',
    )
    const result = await verifySiteToken(SECRET, `${payload}.${signature}`, NOW)
    expect(result).toEqual({ ok: false, reason: 'forged' })
  })

  it.each([
    ['a plain user id', 'alice'],
    ['an empty token', ''],
    ['an unsigned payload', Buffer.from('{"sub":"alice","exp":9999999999}').toString('base64url')],
    ['a JWT-style three-part token', 'a.b.c'],
  ])('refuses %s', async (_, token) => {
    expect(await verifySiteToken(SECRET, token, NOW)).toEqual({ ok: false, reason: 'malformed' })
  })

  it('refuses signed claims without a usable sub or exp', async () => {
    for (const claims of [{ exp: NOW + 60 }, { sub: '', exp: NOW + 60 }, { sub: 'alice' }, 'x']) {
      expect(await verifySiteToken(SECRET, sign(claims), NOW)).toEqual({
        ok: false,
        reason: 'malformed',
      })
    }
  })
})
