import { describe, expect, it } from 'vitest'
import { appendToDraft, parseVoiceFeatures, pickRecordingFormat } from './voice.ts'

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

describe('pickRecordingFormat', () => {
  it('prefers MP4 audio, sent as m4a, over WebM', () => {
    expect(pickRecordingFormat(() => true)).toEqual({
      recorderType: 'audio/mp4',
      fileName: 'voice.m4a',
      fileType: 'audio/m4a',
    })
    expect(pickRecordingFormat((type) => type.startsWith('audio/webm'))?.fileType).toBe(
      'audio/webm',
    )
  })

  it('gives nothing when the browser records none of them (or throws)', () => {
    expect(pickRecordingFormat(() => false)).toBeUndefined()
    expect(
      pickRecordingFormat(() => {
        throw new Error('no')
      }),
    ).toBeUndefined()
  })
})

describe('appendToDraft', () => {
  it('adds the words after what is typed', () => {
    expect(appendToDraft('', 'hello')).toBe('hello')
    expect(appendToDraft('Note:  ', 'hello')).toBe('Note: hello')
  })
})
