import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors.ts'
import {
  optionalChoice,
  optionalLimit,
  optionalUuid,
  requireText,
  requireUuid,
} from './api-params.ts'

const ID = '0b7d1f5e-1c2a-4e3b-9d4c-5f6a7b8c9d0e'

function codeOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).status).toBe(400)
    return (error as HttpError).code
  }
  throw new Error('expected a 400')
}

describe('requireUuid / optionalUuid', () => {
  it('accepts a UUID in any case and returns it lower-cased', () => {
    expect(requireUuid(ID.toUpperCase(), 'conversation_id')).toBe(ID)
  })

  it.each([undefined, '', 'abc', `${ID}x`, `${ID}\n`, '1 OR 1=1', '../parameters', `{${ID}}`])(
    'refuses %j with invalid_<field>',
    (value) => {
      expect(codeOf(() => requireUuid(value, 'conversation_id'))).toBe('invalid_conversation_id')
    },
  )

  it('treats absent or empty as undefined when optional, but still checks a value', () => {
    expect(optionalUuid(undefined, 'first_id')).toBeUndefined()
    expect(optionalUuid('', 'first_id')).toBeUndefined()
    expect(optionalUuid(ID, 'first_id')).toBe(ID)
    expect(codeOf(() => optionalUuid('nope', 'first_id'))).toBe('invalid_first_id')
  })
})

describe('optionalLimit', () => {
  it.each([
    ['1', '1'],
    ['20', '20'],
    ['100', '100'],
    ['007', '7'],
    [undefined, undefined],
    ['', undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(optionalLimit(value)).toBe(expected)
  })

  it.each(['0', '101', '-1', '1.5', '1e2', 'ten', ' 5', '0x10', '1000'])('refuses %j', (value) => {
    expect(codeOf(() => optionalLimit(value))).toBe('invalid_limit')
  })
})

describe('optionalChoice', () => {
  const SORTS = ['created_at', '-created_at'] as const
  it('accepts a listed value or nothing', () => {
    expect(optionalChoice('-created_at', 'sort_by', SORTS)).toBe('-created_at')
    expect(optionalChoice(undefined, 'sort_by', SORTS)).toBeUndefined()
  })
  it('refuses anything else', () => {
    expect(codeOf(() => optionalChoice('name; drop', 'sort_by', SORTS))).toBe('invalid_sort_by')
  })
})

describe('requireText', () => {
  it('trims and counts code points, so emoji count once', () => {
    expect(requireText('  hi  ', 'name', 1, 2)).toBe('hi')
    expect(requireText('😀😀', 'name', 1, 2)).toBe('😀😀')
  })
  it.each([undefined, null, 3, '', '   ', 'abc'])('refuses %j for 1..2 characters', (value) => {
    expect(codeOf(() => requireText(value, 'name', 1, 2))).toBe('invalid_name')
  })
})
