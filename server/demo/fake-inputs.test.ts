import { describe, expect, it } from 'vitest'
import { validateInputs } from './fake-inputs.ts'
import { FULL_INPUT_FORM } from './fake-parameters.ts'

const MINE = 'upload-mine'
const owns = (id: string) => id === MINE
const check = (inputs: Record<string, unknown>) => validateInputs(FULL_INPUT_FORM, inputs, owns)
const VALID = { name: 'Ann', lang: 'en' }

describe('validateInputs against the sample form of docs/dify-wire.md#parameters', () => {
  it('keeps declared variables, fills defaults, and drops undeclared ones', () => {
    expect(check({ ...VALID, stray: 'x', ext: 'tool-filled' })).toEqual({
      inputs: {
        name: 'Ann',
        bio: null,
        lang: 'en',
        age: null,
        vip: false,
        doc: null,
        imgs: null,
        ref: null,
        cfg: null,
      },
    })
  })

  it.each([
    [{ lang: 'en' }, 'name is required in input form'],
    [{ name: null, lang: 'en' }, 'name is required in input form'],
    [{ name: 'Ann' }, 'lang is required in input form'],
    [{ ...VALID, name: 42 }, "(type 'text-input') name in input form must be a string"],
    [{ ...VALID, bio: ['x'] }, "(type 'paragraph') bio in input form must be a string"],
    [{ ...VALID, name: 'x'.repeat(49) }, 'name in input form must be less than 48 characters'],
    [{ ...VALID, lang: 'de' }, "lang in input form must be one of the following: ['en', 'fr']"],
    [{ ...VALID, age: 'old' }, 'age in input form must be a valid number'],
    [{ ...VALID, age: { n: 1 } }, 'Invalid input type for age'],
    [{ ...VALID, vip: 'maybe' }, 'Invalid input type for vip'],
    [{ ...VALID, cfg: [1] }, 'cfg in input form must be a JSON object'],
    [{ ...VALID, doc: 'a.pdf' }, 'doc in input form must be a file'],
    [
      { ...VALID, doc: { type: 'document', transfer_method: 'local_file', upload_file_id: 'x' } },
      'doc in input form must be a file',
    ],
    [{ ...VALID, imgs: [{}] }, 'imgs in input form must be a list of files'],
  ])('refuses %j: %s', (inputs, error) => {
    expect(check(inputs)).toEqual({ error })
  })

  it('counts max_length in characters, not UTF-16 units', () => {
    expect(check({ ...VALID, name: '😀'.repeat(48) })).toMatchObject({
      inputs: { name: '😀'.repeat(48) },
    })
  })

  it('normalises numbers and checkboxes like Dify', () => {
    expect(check({ ...VALID, age: '42', vip: 'yes' })).toMatchObject({
      inputs: { age: 42, vip: true },
    })
    expect(check({ ...VALID, age: '', vip: 0 })).toMatchObject({
      inputs: { age: null, vip: false },
    })
    expect(check({ ...VALID, age: 7.5, vip: 'off' })).toMatchObject({
      inputs: { age: 7.5, vip: false },
    })
  })

  it("accepts the caller's own uploads and remote URLs as files, up to max_length", () => {
    const mine = { type: 'image', transfer_method: 'local_file', upload_file_id: MINE }
    const remote = { type: 'image', transfer_method: 'remote_url', url: 'https://x.test/a.png' }
    expect(check({ ...VALID, imgs: [mine, remote] })).toMatchObject({
      inputs: { imgs: [mine, remote] },
    })
    expect(check({ ...VALID, imgs: Array(6).fill(remote) })).toEqual({
      error: 'imgs in input form must have at most 5 files',
    })
  })

  it('skips unknown input types and an empty form', () => {
    expect(validateInputs([{ 'brand-new': { variable: 'x', required: true } }], {}, owns)).toEqual({
      inputs: {},
    })
    expect(validateInputs([], { anything: 1 }, owns)).toEqual({ inputs: {} })
  })
})
