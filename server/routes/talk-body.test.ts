import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors.ts'
import { validateTalkBody, type TalkLimits } from './talk-body.ts'

const limits: TalkLimits = { maxQueryChars: 20, maxFiles: 2 }
const CONVERSATION = '45701982-8118-4bc5-8e9b-64562b4555f2'

function rejection(body: Record<string, unknown>): { status: number; code: string } {
  try {
    validateTalkBody(body, limits)
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError)
    const { status, code } = error as HttpError
    return { status, code }
  }
  throw new Error('expected the body to be rejected')
}

describe('validateTalkBody: query', () => {
  it('accepts a message and fills the optional fields', () => {
    expect(validateTalkBody({ query: 'Hello!' }, limits)).toEqual({
      query: 'Hello!',
      conversationId: undefined,
      inputs: {},
      files: [],
    })
  })

  it('keeps the message as typed, multi-line and padded', () => {
    expect(validateTalkBody({ query: '  line 1\nline 2 ' }, limits).query).toBe('  line 1\nline 2 ')
  })

  it.each([[undefined], [''], ['   \n\t'], [42], [['hi']]])(
    'rejects the query %j with 400 invalid_query',
    (query) => {
      expect(rejection({ query })).toEqual({ status: 400, code: 'invalid_query' })
    },
  )

  it('accepts a query of exactly the limit and rejects one character more', () => {
    expect(validateTalkBody({ query: 'x'.repeat(20) }, limits).query).toHaveLength(20)
    expect(rejection({ query: 'x'.repeat(21) })).toEqual({ status: 400, code: 'query_too_long' })
  })

  it('strips NUL characters, as Dify does', () => {
    expect(validateTalkBody({ query: 'a\0b\0' }, limits).query).toBe('ab')
  })

  // Only NULs pass the blank check, then become "" after stripping: Dify answers its own
  // "query is required" instead of chatskins' invalid_query.
  it('rejects a query that is empty once NULs are stripped', () => {
    expect(rejection({ query: '\0\0' })).toEqual({ status: 400, code: 'invalid_query' })
  })
})

describe('validateTalkBody: conversation_id', () => {
  it('passes a UUID through, in either case', () => {
    expect(validateTalkBody({ query: 'hi', conversation_id: CONVERSATION }, limits)).toMatchObject({
      conversationId: CONVERSATION,
    })
    const upper = CONVERSATION.toUpperCase()
    expect(validateTalkBody({ query: 'hi', conversation_id: upper }, limits).conversationId).toBe(
      upper,
    )
  })

  it.each([[undefined], [null], ['']])('starts a new conversation for %j', (conversation_id) => {
    expect(
      validateTalkBody({ query: 'hi', conversation_id }, limits).conversationId,
    ).toBeUndefined()
  })

  it.each([['abc'], [`${CONVERSATION}x`], [` ${CONVERSATION}`], [123], [{}]])(
    'rejects the conversation_id %j',
    (conversation_id) => {
      expect(rejection({ query: 'hi', conversation_id })).toEqual({
        status: 400,
        code: 'invalid_conversation_id',
      })
    },
  )
})

describe('validateTalkBody: inputs and files', () => {
  it('passes inputs through and treats null as none', () => {
    const inputs = { city: 'Seoul', age: 30 }
    expect(validateTalkBody({ query: 'hi', inputs }, limits).inputs).toEqual(inputs)
    expect(validateTalkBody({ query: 'hi', inputs: null }, limits).inputs).toEqual({})
  })

  it.each([[[]], ['city=Seoul'], [5]])('rejects the inputs %j', (inputs) => {
    expect(rejection({ query: 'hi', inputs })).toEqual({ status: 400, code: 'invalid_inputs' })
  })

  it('accepts uploaded and remote file references', () => {
    const files = [
      { type: 'image', transfer_method: 'local_file', upload_file_id: 'f-1' },
      { type: 'document', transfer_method: 'remote_url', url: 'https://example.com/a.pdf' },
    ]
    expect(validateTalkBody({ query: 'hi', files }, limits).files).toEqual(files)
  })

  it.each([
    ['not an array', { type: 'image' }],
    ['an unknown type', [{ type: 'exe', transfer_method: 'local_file', upload_file_id: 'f' }]],
    ['a local file without id', [{ type: 'image', transfer_method: 'local_file' }]],
    ['a javascript: URL', [{ type: 'image', transfer_method: 'remote_url', url: 'javascript:x' }]],
    ['a file: URL', [{ type: 'image', transfer_method: 'remote_url', url: 'file:///etc/passwd' }]],
    ['an unknown transfer method', [{ type: 'image', transfer_method: 'base64', url: 'x' }]],
    ['a null entry', [null]],
    [
      'more than the limit',
      [1, 2, 3].map((n) => ({
        type: 'image',
        transfer_method: 'local_file',
        upload_file_id: `${n}`,
      })),
    ],
  ])('rejects files: %s', (_case, files) => {
    expect(rejection({ query: 'hi', files })).toEqual({ status: 400, code: 'invalid_files' })
  })

  it('never takes user or other Dify fields from the browser', () => {
    const talk = validateTalkBody(
      { query: 'hi', user: 'someone-else', response_mode: 'blocking', auto_generate_name: false },
      limits,
    )
    expect(Object.keys(talk).sort()).toEqual(['conversationId', 'files', 'inputs', 'query'])
  })
})
