import { describe, expect, it } from 'vitest'
import { createVisitorSigner } from './visitor-signer.ts'

const SECRET = 'a-session-secret-of-32-characters'
const VISITOR = '3f0c2a9e-5b1d-4c7e-9a2f-6d8b1e4c7a90'

describe('createVisitorSigner', () => {
  const signer = createVisitorSigner(SECRET)

  it('verifies what it signed, returning the visitor id', async () => {
    const cookie = await signer.sign('pink', VISITOR)
    expect(cookie).toMatch(new RegExp(`^${VISITOR}\\.[A-Za-z0-9_-]{43}$`))
    expect(await signer.verify('pink', cookie)).toBe(VISITOR)
  })

  it('signs the same visitor the same way, so a cookie stays valid across restarts', async () => {
    const again = createVisitorSigner(SECRET)
    expect(await again.sign('pink', VISITOR)).toBe(await signer.sign('pink', VISITOR))
    expect(await again.verify('pink', await signer.sign('pink', VISITOR))).toBe(VISITOR)
  })

  it('rejects a cookie whose visitor id was changed', async () => {
    const [, signature] = (await signer.sign('pink', VISITOR)).split('.')
    const other = '3f0c2a9e-5b1d-4c7e-9a2f-6d8b1e4c7a91'
    expect(await signer.verify('pink', `${other}.${signature}`)).toBeNull()
  })

  it('rejects a cookie whose signature was changed', async () => {
    const cookie = await signer.sign('pink', VISITOR)
    const at = VISITOR.length + 10
    const flipped = cookie[at] === 'A' ? 'B' : 'A'
    expect(
      await signer.verify('pink', cookie.slice(0, at) + flipped + cookie.slice(at + 1)),
    ).toBeNull()
  })

  // 32 bytes take 43 base64url characters; the last one carries 2 unused bits, which atob ignores,
  // so without a canonical-form check four spellings of one signature all verify.
  it('rejects every other spelling of the signature, its last character included', async () => {
    const cookie = await signer.sign('pink', VISITOR)
    const start = VISITOR.length + 1
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const accepted: string[] = []
    for (let at = start; at < cookie.length; at++) {
      // Every position once; the last one with every other character.
      const candidates = at === cookie.length - 1 ? [...alphabet] : [cookie[at] === 'A' ? 'B' : 'A']
      for (const char of candidates) {
        if (char === cookie[at]) continue
        const tampered = cookie.slice(0, at) + char + cookie.slice(at + 1)
        if (await signer.verify('pink', tampered)) accepted.push(tampered)
      }
    }
    expect(accepted).toEqual([])
  })

  it('rejects a cookie signed for another endpoint', async () => {
    const cookie = await signer.sign('pink', VISITOR)
    expect(await signer.verify('blue', cookie)).toBeNull()
  })

  it('rejects a cookie signed with another secret', async () => {
    const forger = createVisitorSigner('another-secret-of-32-characters!')
    expect(await signer.verify('pink', await forger.sign('pink', VISITOR))).toBeNull()
  })

  it.each([
    [''],
    ['garbage'],
    [VISITOR],
    [`${VISITOR}.`],
    [`.${'A'.repeat(43)}`],
    [`not-a-uuid.${'A'.repeat(43)}`],
    [`${VISITOR}.${'A'.repeat(42)}`],
    [`${VISITOR}.${'+'.repeat(43)}`],
    [`${VISITOR.toUpperCase()}.${'A'.repeat(43)}`],
  ])('rejects the malformed cookie %j', async (cookie) => {
    expect(await signer.verify('pink', cookie)).toBeNull()
  })

  it('rejects a valid cookie with extra dot-separated parts', async () => {
    const cookie = await signer.sign('pink', VISITOR)
    expect(await signer.verify('pink', `${cookie}.extra`)).toBeNull()
    expect(await signer.verify('pink', `${cookie}.`)).toBeNull()
  })

  it('refuses a secret shorter than 16 characters', () => {
    expect(() => createVisitorSigner('short-secret')).toThrow(/at least 16 characters/)
    expect(() => createVisitorSigner('x'.repeat(16))).not.toThrow()
  })
})
