import { describe, expect, it } from 'vitest'
import { validateConfig } from './validate.ts'

const options = { source: 'chatskins.json', themeIds: ['minimal'] }
const withApp = (app: unknown) => ({
  endpoints: [{ id: 'gen', dify: { apiBase: 'https://d.example/v1', apiKey: 'k' }, app }],
})

describe('validateConfig: app', () => {
  it('keeps a stated app type and leaves it out when unset', () => {
    expect(validateConfig(withApp('workflow'), options).endpoints[0]!.app).toBe('workflow')
    expect(validateConfig(withApp(undefined), options).endpoints[0]).not.toHaveProperty('app')
  })

  it('names the field and the choices for anything else', () => {
    for (const bad of ['advanced-chat', 'Chat', 1, null]) {
      expect(() => validateConfig(withApp(bad), options)).toThrow(
        'chatskins.json: endpoints[0].app: must be one of chat, completion, workflow',
      )
    }
  })
})
