import { describe, expect, it } from 'vitest'
import { pickRecordingFormat } from './recording-format.ts'

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
