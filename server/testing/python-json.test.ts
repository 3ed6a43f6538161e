import { describe, expect, it } from 'vitest'
import { pythonJsonDumps } from './python-json.ts'

describe('pythonJsonDumps', () => {
  it("matches Python's json.dumps output for a Dify event", () => {
    const event = {
      event: 'message',
      conversation_id: 'c',
      created_at: 1705407629,
      answer: '안녕 😀',
      from_variable_selector: null,
      done: false,
    }
    // Python: json.dumps({...}) with default separators and ensure_ascii=True.
    expect(pythonJsonDumps(event)).toBe(
      '{"event": "message", "conversation_id": "c", "created_at": 1705407629, ' +
        '"answer": "\\uc548\\ub155 \\ud83d\\ude00", "from_variable_selector": null, "done": false}',
    )
  })

  it('nests arrays and objects with the same separators', () => {
    expect(pythonJsonDumps({ a: [1, 'é', { b: [] }], c: {} })).toBe(
      '{"a": [1, "\\u00e9", {"b": []}], "c": {}}',
    )
  })

  it('escapes DEL and every non-ASCII character, and JSON escapes as usual', () => {
    expect(pythonJsonDumps('\u007f\u2028"\\\n\t')).toBe('"\\u007f\\u2028\\"\\\\\\n\\t"')
  })

  it('emits pure ASCII that JSON.parse reads back to the same value', () => {
    const value = {
      text: '日本語 and 한국어 and 中文 🍡👍🏽',
      list: [true, null, 0.5, -3],
      nested: { ключ: 'значение' },
    }
    const text = pythonJsonDumps(value)
    expect(text).toMatch(/^[\x20-\x7e]*$/)
    expect(JSON.parse(text)).toEqual(value)
  })

  it('leaves out undefined fields like JSON.stringify', () => {
    expect(pythonJsonDumps({ a: 1, b: undefined })).toBe('{"a": 1}')
  })
})
