import { describe, expect, it } from 'vitest'
import type { EndpointConfig } from '../config/types.ts'
import type { DifyClient } from '../dify/dify-client.ts'
import { createAppModes } from './app-modes.ts'

/** A Dify whose `/info` answers `info` (or fails when it is an Error), counting the calls. */
function difyAnswering(info: () => unknown) {
  let calls = 0
  const dify: DifyClient = {
    async request() {
      calls++
      const value = info()
      if (value instanceof Error) throw value
      return Response.json(value)
    },
  }
  return { dify, calls: () => calls }
}

const config = (app?: EndpointConfig['app']) =>
  ({ id: 'e1', ...(app ? { app } : {}) }) as EndpointConfig

describe('createAppModes', () => {
  it('maps every Dify mode to its page and asks Dify once', async () => {
    for (const [mode, kind] of [
      ['chat', 'chat'],
      ['agent-chat', 'chat'],
      ['advanced-chat', 'chat'],
      ['completion', 'completion'],
      ['workflow', 'workflow'],
    ]) {
      const upstream = difyAnswering(() => ({ name: 'x', mode }))
      const modes = createAppModes({
        endpoints: [{ config: config(), dify: upstream.dify }],
        source: 't',
      })
      expect(await modes.kindOf('e1')).toEqual({ kind })
      await modes.kindOf('e1')
      expect(upstream.calls()).toBe(1)
    }
  })

  it('takes the config at its word when /info has no mode, and chat when neither says', async () => {
    const old = difyAnswering(() => ({ name: 'x', description: '', tags: [] }))
    const stated = createAppModes({
      endpoints: [{ config: config('workflow'), dify: old.dify }],
      source: 't',
    })
    expect(await stated.kindOf('e1')).toEqual({ kind: 'workflow' })
    const unstated = createAppModes({
      endpoints: [{ config: config(), dify: old.dify }],
      source: 't',
    })
    expect(await unstated.kindOf('e1')).toEqual({ kind: 'chat' })
  })

  it('refuses to start when the config contradicts Dify', async () => {
    const upstream = difyAnswering(() => ({ mode: 'workflow' }))
    const modes = createAppModes({
      endpoints: [{ config: config('chat'), dify: upstream.dify }],
      source: 'c.json',
    })
    await expect(modes.checkAtStart()).rejects.toThrow(
      'c.json: endpoint e1: the config says "app": "chat" but Dify reports a workflow app',
    )
  })

  it('starts with an unreachable Dify, reports it, and asks again only after a pause', async () => {
    let clock = 0
    let reachable = false
    const upstream = difyAnswering(() => (reachable ? { mode: 'completion' } : new Error('down')))
    const modes = createAppModes({
      endpoints: [{ config: config(), dify: upstream.dify }],
      source: 't',
      retryAfterMs: 1000,
      now: () => clock,
    })
    await modes.checkAtStart()
    expect(await modes.kindOf('e1')).toEqual({ problem: 'unreachable' })
    reachable = true
    expect(await modes.kindOf('e1')).toEqual({ problem: 'unreachable' })
    expect(upstream.calls()).toBe(1)
    clock = 1000
    expect(await modes.kindOf('e1')).toEqual({ kind: 'completion' })
  })
})
