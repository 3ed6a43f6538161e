import { describe, expect, it } from 'vitest'
import type { AgentThought } from './chat-message.ts'
import { readableToolText, toolLabel, visibleThoughts } from './agent-thoughts.ts'

const thought = (fields: Partial<AgentThought>): AgentThought => ({
  id: 't',
  position: 1,
  thought: '',
  tool: '',
  toolLabels: {},
  toolInput: '',
  observation: '',
  ...fields,
})

describe('toolLabel', () => {
  const step = thought({
    tool: 'weather; search ;',
    toolLabels: { weather: { en_US: 'Weather', ja_JP: '天気' }, search: { zh_Hans: '搜索' } },
  })

  it('names each tool in the UI locale, else English, else by its name', () => {
    expect(toolLabel(step, 'ja')).toBe('天気, search')
    expect(toolLabel(step, 'zh-Hans')).toBe('Weather, 搜索')
    expect(toolLabel(step, 'ko')).toBe('Weather, search')
  })
})

describe('readableToolText', () => {
  it('unwraps the one tool’s input and indents JSON', () => {
    expect(readableToolText('{"weather": {"city": "Paris"}}', ['weather'])).toBe(
      '{\n  "city": "Paris"\n}',
    )
    expect(readableToolText('{"weather": "Sunny"}', ['weather'])).toBe('Sunny')
  })

  it('keeps several tools together and leaves text that is not JSON as it is', () => {
    expect(readableToolText('{"a": 1, "b": 2}', ['a', 'b'])).toBe('{\n  "a": 1,\n  "b": 2\n}')
    expect(readableToolText('<img src=x onerror=alert(1)>', ['a'])).toBe(
      '<img src=x onerror=alert(1)>',
    )
  })
})

describe('visibleThoughts', () => {
  it('shows tool calls and reasoning, not the answer repeated as a last thought', () => {
    const answer = 'It is sunny in Paris.'
    const steps = [
      thought({ id: 'a', tool: 'weather', thought: 'Let me check.' }),
      thought({ id: 'b', thought: 'Paris is in France, so…' }),
      thought({ id: 'c', thought: ' It is sunny in Paris. ' }),
      thought({ id: 'd' }),
    ]
    expect(visibleThoughts(steps, answer).map(({ id }) => id)).toEqual(['a', 'b'])
  })
})
