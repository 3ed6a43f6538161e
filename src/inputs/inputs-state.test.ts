import { signal } from '@preact/signals'
import { describe, expect, it } from 'vitest'
import { parseInputForm, type InputValues } from './inputs.ts'
import { createInputsState } from './inputs-state.ts'
import { createInputsStorage } from './inputs-storage.ts'

const { fields } = parseInputForm([
  { 'text-input': { variable: 'name', label: 'Name', required: true, max_length: 10 } },
  {
    select: {
      variable: 'lang',
      label: 'Language',
      required: true,
      options: ['en', 'fr'],
      default: 'en',
    },
  },
  { checkbox: { variable: 'vip', label: 'VIP' } },
])

function memory() {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

function setup({
  search = '',
  conversationId = null as string | null,
  saved = {} as Record<string, InputValues>,
} = {}) {
  const backing = memory()
  const storage = createInputsStorage('pink', backing)
  for (const [id, values] of Object.entries(saved)) storage.write(id, values)
  const inputs = createInputsState({ storage, search })
  const view = { conversationId: signal(conversationId), messages: signal<unknown[]>([]) }
  inputs.attach(view)
  inputs.setFields(fields)
  return { inputs, view, storage }
}

describe('createInputsState', () => {
  it('starts from the defaults with URL values on top, showing their problems at once', () => {
    const { inputs } = setup({ search: '?name=A%20very%20long%20name&lang=de&vip=on' })
    expect(inputs.values.value).toEqual({ name: 'A very long name', lang: 'de', vip: true })
    expect(inputs.problemFor('name')).toEqual({ code: 'tooLong', max: 10 })
    expect(inputs.problemFor('lang')).toEqual({ code: 'notAnOption' })
    expect(inputs.valid.value).toBe(false)
  })

  it('hides the problems of untouched fields until a send is refused', () => {
    const { inputs } = setup()
    expect(inputs.problemFor('name')).toBeUndefined()
    expect(inputs.check()).toBe(false)
    expect(inputs.problemFor('name')).toEqual({ code: 'required' })
    expect(inputs.focusRequest.value).toBe(1)
    inputs.set('name', 'Ann')
    expect(inputs.check()).toBe(true)
    expect(inputs.forTurn()).toEqual({ name: 'Ann', lang: 'en', vip: false })
  })

  it('locks valid inputs once the conversation starts and remembers them under its id', () => {
    const { inputs, view, storage } = setup()
    inputs.set('name', 'Ann')
    expect(inputs.locked.value).toBe(false)
    view.messages.value = [{}]
    expect(inputs.locked.value).toBe(true)
    inputs.set('name', 'Bob')
    expect(inputs.values.value.name).toBe('Ann')
    view.conversationId.value = 'c1'
    expect(storage.read('c1')).toEqual({ name: 'Ann', lang: 'en', vip: false })

    view.conversationId.value = null
    view.messages.value = []
    expect(inputs.locked.value).toBe(false)
  })

  it('keeps invalid inputs editable even mid-conversation, since no turn could go', () => {
    const { inputs, view } = setup({ conversationId: 'c-old' })
    view.messages.value = [{}]
    expect(inputs.locked.value).toBe(false)
  })

  it('restores a known conversation’s inputs over the URL’s, on load and on switching to it', () => {
    const saved = { c1: { name: 'Ann', lang: 'fr' }, c2: { name: 'Bo', lang: 'en', vip: true } }
    const { inputs, view } = setup({ conversationId: 'c1', search: '?name=Zed', saved })
    expect(inputs.values.value).toEqual({ name: 'Ann', lang: 'fr', vip: false })
    expect(inputs.locked.value).toBe(true)
    view.conversationId.value = 'c2'
    expect(inputs.values.value).toEqual({ name: 'Bo', lang: 'en', vip: true })
  })
})

describe('createInputsStorage', () => {
  it('keeps the latest 20 conversations and survives broken or blocked storage', () => {
    const backing = memory()
    const storage = createInputsStorage('pink', backing)
    for (let i = 0; i < 25; i++) storage.write(`c${i}`, { name: `n${i}` })
    expect(storage.read('c4')).toBeNull()
    expect(storage.read('c5')).toEqual({ name: 'n5' })
    expect(storage.read('c24')).toEqual({ name: 'n24' })

    backing.items.set('chatskins:pink:inputs', '{not json')
    expect(storage.read('c24')).toBeNull()
    const blocked = createInputsStorage('pink', {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    })
    expect(() => blocked.write('c1', { name: 'x' })).not.toThrow()
    expect(blocked.read('c1')).toBeNull()
    expect(createInputsStorage('pink', null).read('c1')).toBeNull()
  })
})
