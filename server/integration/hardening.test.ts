import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawRequest } from './raw-request.ts'
import { startTestStack, type TestStack } from './test-stack.ts'

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
