// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { commandFrom } from './host-messages.ts'

const HOST = 'https://shop.example'

function message(data: unknown, origin = HOST, source: unknown = window.parent) {
  return new MessageEvent('message', { data, origin, source: source as Window })
}

describe('commandFrom', () => {
  it('takes a well-formed command from the framing window at the host origin', () => {
    expect(commandFrom(message({ chatskins: 1, type: 'send', text: 'Hi' }), HOST)).toEqual({
      type: 'send',
      text: 'Hi',
    })
    expect(
      commandFrom(message({ chatskins: 1, type: 'inputs', values: { name: 'Ann' } }), HOST),
    ).toEqual({ type: 'inputs', values: { name: 'Ann' } })
  })

  it('ignores another origin, even from the framing window', () => {
    const data = { chatskins: 1, type: 'identify', token: 'x' }
    expect(commandFrom(message(data, 'https://evil.example'), HOST)).toBeNull()
    expect(commandFrom(message(data, 'https://shop.example.evil.example'), HOST)).toBeNull()
  })

  it('ignores the host origin speaking from another window', () => {
    const other = { postMessage() {} }
    expect(commandFrom(message({ chatskins: 1, type: 'logout' }, HOST, other), HOST)).toBeNull()
  })

  it.each([
    [null],
    ['logout'],
    [{ type: 'logout' }],
    [{ chatskins: 2, type: 'logout' }],
    [{ chatskins: 1, type: 'eval' }],
    [{ chatskins: 1, type: 'send', text: 42 }],
    [{ chatskins: 1, type: 'inputs', values: { name: { toString: 1 } } }],
    [{ chatskins: 1, type: 'inputs', values: ['Ann'] }],
  ])('ignores the malformed %j', (data) => {
    expect(commandFrom(message(data), HOST)).toBeNull()
  })
})
