import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMBED_SECRET, readEvents, startTestStack, type TestStack } from './test-stack.ts'

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack.close())

const SHOP = 'https://shop.example'

function siteToken(sub: string, { secret = EMBED_SECRET, expiresIn = 3600 } = {}): string {
  const payload = Buffer.from(
    JSON.stringify({ sub, exp: Math.floor(Date.now() / 1000) + expiresIn }),
  ).toString('base64url')
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`
}

/** One browser's embed panel on the shop: its partitioned cookies, sent with the panel's header. */
function panel() {
  const cookies = new Map<string, string>()
  const request = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { 'X-Chatskins-Embed': '1' }
    if (cookies.size > 0) {
      headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const response = await fetch(`${stack.server.url}/shop${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [name, value] = pair!.split('=') as [string, string]
      if (/Max-Age=0/.test(line)) cookies.delete(name)
      else cookies.set(name, value)
    }
    return response
  }
  return {
    request,
    identify: (token: unknown) => request('POST', '/api/embed/identify', { token }),
    async ask(query: string) {
      const events = await readEvents(
        await request('POST', '/talk', { query, inputs: {}, files: [] }),
      )
      return events.find((event) => typeof event.conversation_id === 'string')
        ?.conversation_id as string
    },
    async conversationIds() {
      const response = await request('GET', '/api/conversations?limit=20')
      const { data } = (await response.json()) as { data: Array<{ id: string }> }
      return data.map((conversation) => conversation.id)
    },
  }
}

describe('embed-config.js', () => {
  const config = (origin?: string) =>
    fetch(`${stack.server.url}/shop/embed-config.js`, origin ? { headers: { origin } } : {})

  it('gives a listed origin the launcher theme, its labels and the panel page', async () => {
    const response = await config(SHOP)
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP)
    const text = await response.text()
    const body = JSON.parse(text.replace(/^export default /, ''))
    expect(body.page).toBe(`/shop/?embed=${encodeURIComponent(SHOP)}`)
    expect(body.labels).toEqual({ open: 'Chat with Shop', close: 'Close chat' })
    expect(body.css).toContain("[data-part='embed'][data-theme='minimal']")
    expect(body.css).not.toContain(':root')
  })

  it('gives any other origin a refusal to print, and nothing of the chat', async () => {
    for (const origin of ['https://evil.example', undefined]) {
      const body = JSON.parse((await (await config(origin)).text()).replace(/^export default /, ''))
      expect(Object.keys(body)).toEqual(['error'])
      expect(body.error).toMatch(/may not embed endpoint "shop".*embedOrigins/)
    }
  })
})

describe('the panel page', () => {
  it('may be framed by the embed origins, and renders the embedded layout only for them', async () => {
    const listed = await fetch(`${stack.server.url}/shop/?embed=${encodeURIComponent(SHOP)}`)
    expect(listed.headers.get('content-security-policy')).toContain(
      `frame-ancestors 'self' ${SHOP}`,
    )
    expect(await listed.text()).toContain('"embed":{"host":"https://shop.example"}')
    const other = await fetch(`${stack.server.url}/shop/?embed=https%3A%2F%2Fevil.example`)
    expect(await other.text()).not.toContain('"embed"')
  })
})

describe('embed identities', () => {
  it('keeps the anonymous panel visitor in a partitioned SameSite=None cookie', async () => {
    const response = await panel().request('GET', '/api/parameters')
    const cookie = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('chatskins_embed='))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/Secure/)
    expect(cookie).toMatch(/SameSite=None/)
    expect(cookie).toMatch(/Partitioned/)
    expect(cookie).toMatch(/Path=\/shop\//)
  })

  it('lets a signed site user see their conversations from another browser', async () => {
    const sub = `alice-${Date.now()}`
    const laptop = panel()
    expect((await laptop.identify(siteToken(sub))).status).toBe(200)
    const conversation = await laptop.ask('Where is my order?')
    expect(conversation).toBeTruthy()

    const phone = panel()
    const identified = await phone.identify(siteToken(sub))
    expect(await identified.json()).toEqual({ ok: true, changed: true })
    expect(await phone.conversationIds()).toEqual([conversation])
    // The same identity again is no change: the panel keeps what it shows.
    expect(await (await phone.identify(siteToken(sub))).json()).toEqual({
      ok: true,
      changed: false,
    })

    // Another anonymous panel, and a logged-out one, see none of it.
    expect(await panel().conversationIds()).toEqual([])
    expect((await phone.request('POST', '/api/embed/logout')).status).toBe(200)
    expect(await phone.conversationIds()).toEqual([])
  })

  it.each([
    [
      'a forged token',
      siteToken('alice', { secret: 'a-forger-who-guessed-a-long-secret!' }),
      /signature/,
    ],
    ['an expired token', siteToken('alice', { expiresIn: -1 }), /expired/],
    ['a plain user id', 'alice', /never trusted/],
    ['no token', undefined, /never trusted/],
  ])('refuses %s with a reason, and the visitor stays anonymous', async (_, token, reason) => {
    const visitor = panel()
    const response = await visitor.identify(token)
    expect(response.status).toBe(401)
    const body = (await response.json()) as { code: string; message: string }
    expect(body.code).toBe('identity_refused')
    expect(body.message).toMatch(reason)
    expect(response.headers.getSetCookie().some((line) => line.startsWith('chatskins_site='))).toBe(
      false,
    )
  })

  it('offers identify to embed panels only, never to the chat page itself', async () => {
    const response = await stack.api('page-visitor', 'shop', 'POST', 'embed/identify', {
      token: siteToken('alice'),
    })
    expect(response.status).toBe(404)
  })
})
