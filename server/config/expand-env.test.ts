import { describe, expect, it } from 'vitest'
import { expandEnv } from './expand-env.ts'

describe('expandEnv', () => {
  it('replaces ${VAR} in nested strings and leaves other values alone', () => {
    const raw = {
      endpoints: [
        {
          id: 'pink',
          botName: 'Candy ${EMOJI}',
          dify: { apiBase: 'https://${HOST}/v1', apiKey: '${DIFY_KEY_PINK}' },
          flags: [true, 3, null],
        },
      ],
    }
    const env = { DIFY_KEY_PINK: 'app-123', HOST: 'dify.internal', EMOJI: '🍬' }
    expect(expandEnv(raw, env, 'chatskins.json')).toEqual({
      endpoints: [
        {
          id: 'pink',
          botName: 'Candy 🍬',
          dify: { apiBase: 'https://dify.internal/v1', apiKey: 'app-123' },
          flags: [true, 3, null],
        },
      ],
    })
  })

  it('does not touch the input object', () => {
    const raw = { apiKey: '${KEY}' }
    expandEnv(raw, { KEY: 'k' }, 'f.json')
    expect(raw).toEqual({ apiKey: '${KEY}' })
  })

  it('inserts values verbatim, even ones that look like replacement patterns or variables', () => {
    const env = { KEY: "ab$&c$'d$1", OTHER: '${KEY}' }
    expect(expandEnv({ a: '${KEY}', b: '${OTHER}' }, env, 'f.json')).toEqual({
      a: "ab$&c$'d$1",
      b: '${KEY}',
    })
  })

  it('leaves text that is not a ${NAME} reference as written', () => {
    const text = 'price $5, $HOME, ${not-a-name}, ${}'
    expect(expandEnv({ botName: text }, {}, 'f.json')).toEqual({ botName: text })
  })

  it('expands a variable set to the empty string to nothing', () => {
    expect(expandEnv({ botName: 'a${EMPTY}b' }, { EMPTY: '' }, 'f.json')).toEqual({
      botName: 'ab',
    })
  })

  it('names the file, the field path and the variable when one is not set', () => {
    const raw = { endpoints: [{ id: 'a' }, { id: 'b', dify: { apiKey: '${DIFY_KEY_B}' } }] }
    expect(() => expandEnv(raw, {}, 'chatskins.json')).toThrow(
      'chatskins.json: endpoints[1].dify.apiKey: environment variable DIFY_KEY_B is not set',
    )
  })
})
