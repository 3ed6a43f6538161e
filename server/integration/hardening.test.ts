import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawRequest } from './raw-request.ts'
import { readEvents, startTestStack, type TestStack } from './test-stack.ts'

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack.close())

describe('path decoding', () => {
  it('never serves a theme manifest, however the path is spelled', async () => {
    for (const path of [
      '/themes/minimal/theme.json',
      '/themes/minimal/theme.json%2f.',
      '/themes/minimal/theme.json%2F',
      '/themes/minimal/theme.json%5c.',
      '/themes/minimal/x%2f..%2ftheme.json',
      '/themes/minimal/%2e/theme.json',
      '/themes/minimal/THEME.JSON',
      '/themes/minimal/theme%252ejson',
    ]) {
      const answer = await rawRequest(stack.server.url, path)
      expect([400, 404], path).toContain(answer.status)
      expect(answer.body, path).not.toContain('"name"')
    }
    // The pack's own files still serve.
    expect((await rawRequest(stack.server.url, '/themes/minimal/theme.css')).status).toBe(200)
  })

  it('answers a malformed escape with a 400 JSON error', async () => {
    for (const path of ['/static/%', '/themes/%E0%A4%A', '/assets/%zz.js', '/fonts/%']) {
      const answer = await rawRequest(stack.server.url, path)
      expect(answer.status, path).toBe(400)
      expect(JSON.parse(answer.body), path).toMatchObject({ code: 'invalid_path' })
    }
  })
})

describe('deep JSON', () => {
  it('refuses inputs nested thousands of levels deep with 400 invalid_param', async () => {
    for (const levels of [5_000, 30_000]) {
      const body = `{"query":"hi","inputs":{"a":${'['.repeat(levels)}${']'.repeat(levels)}}}`
      const response = await stack.visit('deep', '/load/talk', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ code: 'invalid_param' })
    }
  })
})

describe('conversation names', () => {
  it('refuses a flood of generated names with 429, and still lets a plain rename through', async () => {
    // `limited`: 2 a minute per visitor; generating a name is an LLM call at Dify.
    const events = await readEvents(await stack.talk('namer', { query: 'hi' }, {}, 'limited'))
    const conversationId = events.find((event) => event.conversation_id)!.conversation_id as string
    const rename = (body: unknown) =>
      stack.api('namer', 'limited', 'POST', `conversations/${conversationId}/name`, body)
    for (let i = 0; i < 2; i++) expect((await rename({ auto_generate: true })).status).toBe(200)
    const refused = await rename({ auto_generate: true })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await refused.json()).toMatchObject({ code: 'rate_limited' })
    // A name the visitor types is a database write at Dify, no LLM: not counted.
    const typed = await rename({ name: 'Mine' })
    expect(typed.status).toBe(200)
    expect(await typed.json()).toMatchObject({ name: 'Mine' })
  })
})
