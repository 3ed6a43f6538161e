import { describe, expect, it } from 'vitest'
import { withAbsoluteFileUrls } from './message-file-urls.ts'

describe('withAbsoluteFileUrls', () => {
  it('resolves each message file against Dify’s origin and leaves out unsafe ones', () => {
    const page = {
      has_more: false,
      data: [
        {
          id: 'm1',
          answer: 'a',
          message_files: [
            { id: 'u', belongs_to: 'user', url: '/files/u/file-preview?sign=1' },
            { id: 't', belongs_to: 'assistant', url: 'https://files.example/t.png' },
            { id: 'x', belongs_to: 'assistant', url: 'javascript:alert(1)' },
          ],
        },
        { id: 'm2', answer: 'b' },
      ],
    }
    expect(withAbsoluteFileUrls(page, 'http://dify.local')).toEqual({
      has_more: false,
      data: [
        {
          id: 'm1',
          answer: 'a',
          message_files: [
            { id: 'u', belongs_to: 'user', url: 'http://dify.local/files/u/file-preview?sign=1' },
            { id: 't', belongs_to: 'assistant', url: 'https://files.example/t.png' },
          ],
        },
        { id: 'm2', answer: 'b' },
      ],
    })
  })

  it('passes anything that is not a page through', () => {
    expect(withAbsoluteFileUrls(null, 'http://dify.local')).toBeNull()
  })
})
