import { describe, expect, it, vi } from 'vitest'
import type { AppApi } from '../api/app-api.ts'
import { createAppFeatures, NO_PARAMETERS } from './app-features.ts'
import { createMessage } from '../chat/chat-message.ts'

function setup(parameters: () => Promise<unknown>) {
  const api: AppApi = {
    parameters: vi.fn(parameters),
    feedback: vi.fn(async () => {}),
    suggested: vi.fn(async () => ['One?', 'Two?', 'Three?', 'Four?', 'Five?', 'Six?']),
  }
  const features = createAppFeatures({
    api,
    endpointId: 'pink',
    storage: null,
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
    expect(features.parameters.value).toBe(NO_PARAMETERS)
    expect(features.inputs.value).toBeNull()
    expect(features.checkInputs()).toBe(true)
    expect(features.inputsForTurn()).toEqual({})
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
