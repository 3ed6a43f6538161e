import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVisitorSigner } from '../visitor/visitor-signer.ts'
import { answerOf, readEvents, startTestStack, type TestStack } from './test-stack.ts'

/** The stack's SESSION_SECRET: lets a test sign what an attacker who knew it could (but can't). */
const signer = createVisitorSigner('integration-test-secret-123')
const COOKIE = 'chatskins_visitor'

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack.close())

/** A request that carries exactly `cookieValue` (or none), outside the stack's cookie jars. */
async function withCookie(cookieValue: string | null, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (cookieValue !== null) headers.set('cookie', `${COOKIE}=${cookieValue}`)
  const response = await fetch(`${stack.server.url}${path}`, { ...init, headers })
  const issued = /chatskins_visitor=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1]
  return { response, issued }
}

async function conversationsOf(cookieValue: string, endpoint: string) {
  const { response, issued } = await withCookie(cookieValue, `/${endpoint}/api/conversations`)
  expect(response.status).toBe(200)
  const body = (await response.json()) as { data: Array<{ id: string }> }
  return { ids: body.data.map((item) => item.id), issued }
}

/** A visitor with one conversation on `endpoint`: their cookie value, visitor id and conversation. */
async function visitorWithConversation(endpoint: string) {
  const { issued } = await withCookie(null, `/${endpoint}/`)
  const cookie = issued!
  const { response } = await withCookie(cookie, `/${endpoint}/talk`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: '[[echo]] my secret plans' }),
  })
  const conversationId = (await readEvents(response)).at(-1)!.conversation_id as string
  return { cookie, visitorId: cookie.split('.')[0]!, conversationId }
}

describe("no cookie trick reaches another visitor's conversations", () => {
  let ann: Awaited<ReturnType<typeof visitorWithConversation>>
  let annOnFlow: Awaited<ReturnType<typeof visitorWithConversation>>
  beforeAll(async () => {
    ann = await visitorWithConversation('chat')
    annOnFlow = await visitorWithConversation('flow')
    expect((await conversationsOf(ann.cookie, 'chat')).ids).toEqual([ann.conversationId])
  })

  /** The server treated the cookie as absent: a fresh id, and none of Ann's conversations. */
  async function expectFreshIdentity(cookieValue: string, endpoint: string) {
    const { ids, issued } = await conversationsOf(cookieValue, endpoint)
    expect(issued).toBeDefined()
    expect(issued!.split('.')[0]).not.toBe(ann.visitorId)
    expect(issued!.split('.')[0]).not.toBe(annOnFlow.visitorId)
    expect(ids).toEqual([])
  }

  it("a forged signature on Ann's visitor id", async () => {
    const signature = ann.cookie.split('.')[1]!
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)
    await expectFreshIdentity(`${ann.visitorId}.${flipped}`, 'chat')
    await expectFreshIdentity(`${ann.visitorId}.${'A'.repeat(43)}`, 'chat')
    await expectFreshIdentity(ann.visitorId, 'chat')
  })

  it("Ann's visitor id signed with another secret", async () => {
    const forger = createVisitorSigner('a-guessed-secret-of-some-length')
    await expectFreshIdentity(await forger.sign('chat', ann.visitorId), 'chat')
  })

  it("Ann's visitor id validly signed, but for another endpoint", async () => {
    await expectFreshIdentity(await signer.sign('flow', ann.visitorId), 'chat')
  })

  it("Ann's own cookies replayed on the other endpoint", async () => {
    await expectFreshIdentity(ann.cookie, 'flow')
    await expectFreshIdentity(annOnFlow.cookie, 'chat')
  })

  it("Ann's signature moved onto another visitor id", async () => {
    const bob = await visitorWithConversation('chat')
    const annSignature = ann.cookie.split('.')[1]!
    const { ids, issued } = await conversationsOf(`${bob.visitorId}.${annSignature}`, 'chat')
    expect(issued!.split('.')[0]).not.toBe(bob.visitorId)
    expect(ids).toEqual([])
  })

  it("Ann's real cookie still works: she sees her own conversation", async () => {
    const { ids, issued } = await conversationsOf(ann.cookie, 'chat')
    expect(issued).toBeUndefined()
    expect(ids).toEqual([ann.conversationId])
  })
})

describe("no visitor can stop another visitor's answer", () => {
  it("Bob's stop with Ann's task id leaves Ann's answer running to its end", async () => {
    for (const visitor of ['stop-ann', 'stop-bob'])
      await (await stack.visit(visitor, '/chat/')).text()
    const response = await stack.talk('stop-ann', {
      query: '[[slow=15]] [[echo]] a long story about my garden',
    })
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let text = decoder.decode((await reader.read()).value, { stream: true })
    const taskId = JSON.parse(text.split('\n\n')[0]!.slice('data: '.length)).task_id as string

    const stop = await stack.api('stop-bob', 'chat', 'POST', `chat-messages/${taskId}/stop`, {})
    expect(stop.status).toBe(200)
    // Dify is asked with Bob's user, so it ignores the stop (docs/dify-wire.md#stop).
    expect(stack.upstream.fake.stops.filter((entry) => entry.taskId === taskId)).toEqual([
      { taskId, user: stack.difyUserOf('stop-bob') },
    ])

    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      text += decoder.decode(read.value, { stream: true })
    }
    const events = text
      .split('\n\n')
      .filter((record) => record.startsWith('data: '))
      .map((record) => JSON.parse(record.slice('data: '.length)) as Record<string, unknown>)
    expect(events.at(-1)?.event).toBe('message_end')
    expect(answerOf(events)).toBe('a long story about my garden')
  })
})
