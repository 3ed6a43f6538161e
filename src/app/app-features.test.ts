import { describe, expect, it, vi } from 'vitest'
import type { AppApi } from '../api/app-api.ts'
import { createAppFeatures, NO_PARAMETERS } from './app-features.ts'
import { createMessage } from '../chat/chat-message.ts'

function setup(
  parameters: () => Promise<unknown>,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null = null,
) {
  const api: AppApi = {
    parameters: vi.fn(parameters),
    feedback: vi.fn(async () => {}),
    suggested: vi.fn(async () => ['One?', 'Two?', 'Three?', 'Four?', 'Five?', 'Six?']),
  }
  const features = createAppFeatures({
    api,
    endpointId: 'pink',
    storage,
    search: '?name=Ann',
  })
  return { api, features }
}

const answered = () => {
  const message = createMessage('bot', 'Hi', 'done', 0)
  message.difyId.value = 'm1'
  return message
}

describe('createAppFeatures', () => {
  it('loads the parameters once and fills the greeting from the inputs', async () => {
    const { api, features } = setup(async () => ({
      opening_statement: 'Hello {{name}}!',
      user_input_form: [{ 'text-input': { variable: 'name', label: 'Name' } }],
    }))
    await Promise.all([features.load(), features.load()])
    expect(api.parameters).toHaveBeenCalledTimes(1)
    expect(features.opening.value).toEqual(['Hello Ann!'])
    features.inputs.value?.set('name', 'Bo')
    expect(features.opening.value).toEqual(['Hello Bo!'])
  })

  it('enables nothing when the parameters cannot load', async () => {
    const { features } = setup(async () => {
      throw { code: 'network_error', status: 0, message: '' }
    })
    await features.load()
    expect(features.parameters.value).toEqual(NO_PARAMETERS)
    expect(features.inputs.value).toBeNull()
    expect(features.checkInputs()).toBe(true)
    expect(features.inputsForTurn()).toEqual({})
  })

  it('shows the greeting and starters last loaded until the parameters answer again', async () => {
    const items = new Map<string, string>()
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    }
    const first = setup(
      async () => ({
        opening_statement: 'Welcome!',
        suggested_questions: ['Prices?', 'Hours?'],
      }),
      storage,
    )
    expect(first.features.opening.value).toEqual([])
    await first.features.load()

    let answer: (raw: unknown) => void = () => {}
    const again = setup(() => new Promise((resolve) => (answer = resolve)), storage)
    expect(again.features.opening.value).toEqual(['Welcome!'])
    expect(again.features.parameters.value.suggestedQuestions).toEqual(['Prices?', 'Hours?'])
    const loading = again.features.load()
    answer({
      opening_statement: 'Hello {{name}}!',
      suggested_questions: [],
      user_input_form: [{ 'text-input': { variable: 'name', label: 'Name' } }],
    })
    await loading
    expect(again.features.opening.value).toEqual(['Hello Ann!'])
    expect(again.features.parameters.value.suggestedQuestions).toEqual([])

    // A greeting with variables is not shown unfilled: it waits for the inputs form.
    const third = setup(() => new Promise(() => {}), storage)
    expect(third.features.opening.value).toEqual([])
    items.set('chatskins:pink:welcome', '{"not":"a welcome"}')
    expect(setup(() => new Promise(() => {}), storage).features.opening.value).toEqual([])
  })

  it('fetches up to five follow-up questions after an answer, only when the app offers them', async () => {
    const off = setup(async () => ({}))
    await off.features.load()
    off.features.afterAnswer(answered())
    expect(off.api.suggested).not.toHaveBeenCalled()

    const on = setup(async () => ({ suggested_questions_after_answer: { enabled: true } }))
    await on.features.load()
    const message = answered()
    on.features.afterAnswer(message)
    await vi.waitFor(() => expect(message.suggestions.value).toHaveLength(5))
    expect(on.api.suggested).toHaveBeenCalledWith('m1')
  })
})
