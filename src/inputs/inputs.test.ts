import { describe, expect, it } from 'vitest'
import { parseUploadRules } from '../media/attachments-rules.ts'
import {
  defaultValues,
  parseInputForm,
  prefillFromQuery,
  toDifyInputs,
  validateInput,
  validateFileInput,
  validateInputs,
  type FileField,
  type InputField,
} from './inputs.ts'
import { valuesFromDify } from './inputs-from-dify.ts'

/** The mixed form of docs/dify-wire.md#parameters, unknown and file types included. */
const FORM = [
  {
    'text-input': {
      variable: 'name',
      label: 'Your name',
      type: 'text-input',
      required: true,
      max_length: 5,
      default: '',
    },
  },
  { paragraph: { variable: 'bio', label: 'About you', required: false, max_length: 1000 } },
  {
    select: {
      variable: 'lang',
      label: 'Language',
      required: true,
      options: ['en', 'fr', 3],
      default: 'en',
    },
  },
  { number: { variable: 'age', label: 'Age', required: false, default: 30 } },
  { checkbox: { variable: 'vip', label: 'VIP', required: false, default: false } },
  {
    file: { variable: 'doc', label: 'Document', required: true, allowed_file_types: ['document'] },
  },
  { 'file-list': { variable: 'imgs', label: 'Images', required: false, max_length: 5 } },
  { json_object: { variable: 'cfg', label: 'Config', required: false } },
  { external_data_tool: { variable: 'ext', label: 'Ext', type: 'api', enabled: true } },
  { 'text-input': { variable: 'name', label: 'Duplicate', required: false } },
  { 'text-input': { label: 'No variable' } },
  'not an object',
  { select: 'not a spec' },
]

const { fields, files } = parseInputForm(FORM, {}, parseUploadRules)
const field = (variable: string) => fields.find((candidate) => candidate.variable === variable)!

describe('parseInputForm', () => {
  it('keeps the five form types in order and skips unknown, broken and duplicate entries', () => {
    expect(fields.map(({ variable, type }) => `${variable}:${type}`)).toEqual([
      'name:text-input',
      'bio:paragraph',
      'lang:select',
      'age:number',
      'vip:checkbox',
    ])
    expect(field('name')).toMatchObject({ label: 'Your name', required: true, maxLength: 5 })
    expect(field('lang')).toMatchObject({ options: ['en', 'fr'], default: 'en' })
    expect(field('age')).toMatchObject({ default: '30' })
  })

  it('reads file variables with upload rules of their own allowed_file_* fields', () => {
    const [doc, imgs] = parseInputForm(
      [
        {
          file: {
            variable: 'doc',
            label: 'Document',
            required: true,
            allowed_file_types: ['document'],
            allowed_file_upload_methods: ['local_file', 'remote_url'],
          },
        },
        {
          'file-list': {
            variable: 'imgs',
            label: 'Images',
            max_length: 2,
            allowed_file_types: ['image'],
          },
        },
        {
          file: {
            variable: 'link',
            label: 'Link',
            allowed_file_types: ['image'],
            allowed_file_upload_methods: ['remote_url'],
          },
        },
      ],
      { system_parameters: { image_file_size_limit: 2 } },
      parseUploadRules,
    ).files
    expect(doc).toMatchObject({ variable: 'doc', required: true, multiple: false })
    expect(doc?.rules).toMatchObject({ kinds: ['document'], maxFiles: 1 })
    expect(imgs).toMatchObject({ multiple: true, rules: { kinds: ['image'], maxFiles: 2 } })
    expect(imgs?.rules?.maxBytes.image).toBe(2 * 1024 * 1024)
    expect(files.map((file) => file.variable)).toEqual(['doc', 'imgs'])
    // Only by link: nothing the visitor can upload.
    expect(
      parseInputForm(
        [
          {
            file: {
              variable: 'l',
              allowed_file_types: ['image'],
              allowed_file_upload_methods: ['remote_url'],
            },
          },
        ],
        {},
        parseUploadRules,
      ).files[0]?.rules,
    ).toBeNull()
  })

  it('reads anything that is not a list as an empty form', () => {
    expect(parseInputForm(undefined)).toEqual({ fields: [], files: [] })
    expect(parseInputForm({ 'text-input': {} })).toEqual({ fields: [], files: [] })
  })

  it('drops a select default that is not an option and uses the variable as a missing label', () => {
    const [select, text] = parseInputForm([
      { select: { variable: 'size', options: ['S', 'M'], default: 'XL' } },
      { 'text-input': { variable: 'city', label: '  ' } },
    ]).fields
    expect(select).toMatchObject({ default: '' })
    expect(text).toMatchObject({ label: 'city', maxLength: undefined })
  })
})

describe('validateFileInput', () => {
  it('needs a file when required, and no upload on its way', () => {
    const [doc, imgs] = files as [FileField, FileField]
    expect(validateFileInput(doc, [], false)).toEqual({ code: 'required' })
    expect(validateFileInput(doc, undefined, false)).toEqual({ code: 'required' })
    const one = [{ uploadId: 'u', name: 'a.pdf', kind: 'document' as const }]
    expect(validateFileInput(doc, one, false)).toBeNull()
    expect(validateFileInput(imgs, [], false)).toBeNull()
    expect(validateFileInput(imgs, [], true)).toEqual({ code: 'uploading' })
  })
})

describe('validateInput', () => {
  it('requires required fields, whitespace counting as empty', () => {
    expect(validateInput(field('name'), '')).toEqual({ code: 'required' })
    expect(validateInput(field('name'), '   ')).toEqual({ code: 'required' })
    expect(validateInput(field('name'), undefined)).toEqual({ code: 'required' })
    expect(validateInput(field('bio'), '')).toBeNull()
  })

  it('counts max_length in code points, as Python does', () => {
    expect(validateInput(field('name'), '😀😀😀😀😀')).toBeNull()
    expect(validateInput(field('name'), '안녕하세요!')).toEqual({ code: 'tooLong', max: 5 })
  })

  it('accepts only listed options and numeric text', () => {
    expect(validateInput(field('lang'), 'fr')).toBeNull()
    expect(validateInput(field('lang'), 'de')).toEqual({ code: 'notAnOption' })
    for (const ok of ['42', '-1.5', '.5', '1e3', ' 7 ']) {
      expect(validateInput(field('age'), ok)).toBeNull()
    }
    for (const bad of ['abc', '0x10', 'Infinity', '1,5', '--1']) {
      expect(validateInput(field('age'), bad)).toEqual({ code: 'notANumber' })
    }
  })

  it('never fails a checkbox', () => {
    expect(validateInput(field('vip'), false)).toBeNull()
  })

  it('reports every problem of a form by variable', () => {
    expect(validateInputs(fields, { name: '', lang: 'de', age: 'x', vip: true })).toEqual({
      name: { code: 'required' },
      lang: { code: 'notAnOption' },
      age: { code: 'notANumber' },
    })
    expect(validateInputs(fields, { ...defaultValues(fields), name: 'Ann' })).toEqual({})
  })
})

describe('prefillFromQuery', () => {
  it('takes the form’s own variables from the URL, as given', () => {
    expect(
      prefillFromQuery(fields, '?name=Ann%20Lee&lang=de&age=abc&vip=yes&other=x&bio='),
    ).toEqual({ name: 'Ann Lee', lang: 'de', age: 'abc', vip: true, bio: '' })
  })

  it('reads checkbox words and ignores other values', () => {
    const vip = [field('vip')]
    expect(prefillFromQuery(vip, 'vip=0')).toEqual({ vip: false })
    expect(prefillFromQuery(vip, 'vip=OFF')).toEqual({ vip: false })
    expect(prefillFromQuery(vip, 'vip=maybe')).toEqual({})
  })
})

describe('toDifyInputs', () => {
  it('sends typed values and leaves empty optional ones to Dify’s defaults', () => {
    const values = { name: 'Ann', bio: '  ', lang: 'fr', age: '42', vip: true, stray: 'x' }
    expect(toDifyInputs(fields, values)).toEqual({ name: 'Ann', lang: 'fr', age: 42, vip: true })
    expect(toDifyInputs(fields, {})).toEqual({ vip: false })
  })

  it('sends uploads as Dify file mappings: one for file, a list for file-list', () => {
    const uploaded = (id: string) => ({ uploadId: id, name: `${id}.png`, kind: 'image' as const })
    const mapping = (id: string) => ({
      type: 'image',
      transfer_method: 'local_file',
      upload_file_id: id,
    })
    const values = {
      name: 'Ann',
      lang: 'en',
      doc: [uploaded('d1')],
      imgs: [uploaded('i1'), uploaded('i2')],
    }
    expect(toDifyInputs(fields, values, files)).toEqual({
      name: 'Ann',
      lang: 'en',
      vip: false,
      doc: mapping('d1'),
      imgs: [mapping('i1'), mapping('i2')],
    })
    expect(toDifyInputs(fields, { imgs: [] }, files)).toEqual({ vip: false })
  })

  it('starts from the defaults', () => {
    const defaults = defaultValues(fields as InputField[])
    expect(defaults).toEqual({ name: '', bio: '', lang: 'en', age: '30', vip: false })
  })
})

describe('file inputs Dify takes only as links (remote_url)', () => {
  const [single, list] = parseInputForm(
    [
      {
        file: {
          variable: 'photo',
          label: 'Photo',
          required: true,
          allowed_file_types: ['image'],
          allowed_file_upload_methods: ['remote_url'],
        },
      },
      {
        'file-list': {
          variable: 'papers',
          label: 'Papers',
          max_length: 2,
          allowed_file_types: ['document'],
          allowed_file_upload_methods: ['remote_url'],
        },
      },
    ],
    {},
    parseUploadRules,
  ).files as [FileField, FileField]

  it('are read as link fields of their first allowed kind and count', () => {
    expect(single).toMatchObject({ rules: null, links: { kind: 'image', max: 1 } })
    expect(list).toMatchObject({ rules: null, links: { kind: 'document', max: 2 } })
  })

  it('need a link when required, only http(s) ones, no more than the variable takes', () => {
    expect(validateFileInput(single, '', false)).toEqual({ code: 'required' })
    expect(validateFileInput(single, 'javascript:alert(1)', false)).toEqual({ code: 'notALink' })
    expect(validateFileInput(single, 'a.png b.png', false)).toEqual({
      code: 'tooManyLinks',
      max: 1,
    })
    expect(validateFileInput(list, '', false)).toBeNull()
    expect(validateFileInput(list, 'https://x.test/a.pdf\nhttp://x.test/b.pdf', false)).toBeNull()
  })

  it('go to Dify as remote_url file mappings', () => {
    const values = {
      photo: ' https://x.test/cat.png ',
      papers: 'https://x.test/a.pdf\n\nhttps://x.test/b.pdf',
    }
    expect(toDifyInputs([], values, [single, list])).toEqual({
      photo: { type: 'image', transfer_method: 'remote_url', url: 'https://x.test/cat.png' },
      papers: [
        { type: 'document', transfer_method: 'remote_url', url: 'https://x.test/a.pdf' },
        { type: 'document', transfer_method: 'remote_url', url: 'https://x.test/b.pdf' },
      ],
    })
  })

  it('come back from Dify as the links they were sent with', () => {
    const stored = {
      photo: { type: 'image', transfer_method: 'remote_url', remote_url: 'https://x.test/cat.png' },
      papers: [{ type: 'document', transfer_method: 'remote_url', url: 'https://x.test/a.pdf' }],
    }
    expect(valuesFromDify([], [single, list], stored)).toEqual({
      photo: 'https://x.test/cat.png',
      papers: 'https://x.test/a.pdf',
    })
  })
})
