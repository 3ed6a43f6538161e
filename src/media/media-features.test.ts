import { describe, expect, it } from 'vitest'
import { wantsMedia } from './media-features.ts'

describe('wantsMedia', () => {
  it.each([
    [{ file_upload: { enabled: true } }, true],
    [{ file_upload: { image: { enabled: true } } }, true],
    [{ speech_to_text: { enabled: true } }, true],
    [{ text_to_speech: { enabled: true, autoPlay: 'disabled' } }, true],
    [{ file_upload: { image: { enabled: false } }, speech_to_text: { enabled: false } }, false],
    [null, false],
    ['nonsense', false],
  ])('%j → %s', (parameters, wanted) => expect(wantsMedia(parameters)).toBe(wanted))
})
