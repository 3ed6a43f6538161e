import { describe, expect, it } from 'vitest'
import { appendToDraft, parseVoiceFeatures } from './voice.ts'

describe('parseVoiceFeatures', () => {
  it('reads the speech and read-aloud switches (docs/dify-wire.md#parameters)', () => {
    expect(
      parseVoiceFeatures({
        speech_to_text: { enabled: true },
        text_to_speech: { enabled: true, autoPlay: 'enabled' },
      }),
    ).toEqual({ speechToText: true, readAloud: true, autoPlay: true })
    expect(parseVoiceFeatures({ text_to_speech: { enabled: false, autoPlay: 'enabled' } })).toEqual(
      { speechToText: false, readAloud: false, autoPlay: false },
    )
    expect(parseVoiceFeatures(null)).toEqual({
      speechToText: false,
      readAloud: false,
      autoPlay: false,
    })
  })
})

describe('appendToDraft', () => {
  it('adds the words after what is typed', () => {
    expect(appendToDraft('', 'hello')).toBe('hello')
    expect(appendToDraft('Note:  ', 'hello')).toBe('Note: hello')
  })
})
