import { describe, expect, it } from 'vitest'
import {
  acceptOf,
  checkFiles,
  kindOf,
  parseUploadRules,
  type UploadRules,
} from './attachments-rules.ts'

const MB = 1024 * 1024

const FULL = {
  file_upload: {
    enabled: true,
    allowed_file_types: ['image', 'document'],
    allowed_file_extensions: ['.PDF'],
    allowed_file_upload_methods: ['local_file', 'remote_url'],
    number_limits: 2,
    fileUploadConfig: { file_size_limit: 5, image_file_size_limit: 1 },
    image: { enabled: true, number_limits: 3 },
  },
  system_parameters: { image_file_size_limit: 10, file_size_limit: 15 },
}

describe('parseUploadRules', () => {
  it('reads the full shape, with fileUploadConfig over system_parameters', () => {
    const rules = parseUploadRules(FULL)
    expect(rules).toMatchObject({
      kinds: ['image', 'document'],
      customExtensions: ['pdf'],
      maxFiles: 2,
    })
    expect(rules?.maxBytes.image).toBe(1 * MB)
    expect(rules?.maxBytes.document).toBe(5 * MB)
  })

  it('reads the old image-only shape and system_parameters limits', () => {
    const rules = parseUploadRules({
      file_upload: { image: { enabled: true, number_limits: 4, transfer_methods: ['local_file'] } },
      system_parameters: { image_file_size_limit: 2 },
    })
    expect(rules).toMatchObject({ kinds: ['image'], maxFiles: 4 })
    expect(rules?.maxBytes.image).toBe(2 * MB)
  })

  it('never allows more than the server takes', () => {
    const rules = parseUploadRules({
      file_upload: { enabled: true, allowed_file_types: ['video'] },
    })
    expect(rules?.maxBytes.video).toBe(15 * MB)
  })

  it.each([
    ['no parameters', undefined],
    ['defaults (image off)', { file_upload: { image: { enabled: false } } }],
    ['disabled', { file_upload: { enabled: false, allowed_file_types: ['image'] } }],
    ['no types', { file_upload: { enabled: true, allowed_file_types: [] } }],
    [
      'remote URLs only',
      {
        file_upload: {
          enabled: true,
          allowed_file_types: ['image'],
          allowed_file_upload_methods: ['remote_url'],
        },
      },
    ],
    [
      'old shape, remote only',
      { file_upload: { image: { enabled: true, transfer_methods: ['remote_url'] } } },
    ],
  ])('%s: no uploads', (_, parameters) => expect(parseUploadRules(parameters)).toBeNull())
})

describe('kinds and checks', () => {
  const rules = parseUploadRules(FULL) as UploadRules
  const custom: UploadRules = { ...rules, kinds: ['image', 'custom'], customExtensions: ['zip'] }

  it('files a name under its kind by extension, as Dify does', () => {
    expect(kindOf('Photo.PNG', rules)).toBe('image')
    expect(kindOf('notes.docx', rules)).toBe('document')
    expect(kindOf('song.mp3', rules)).toBeUndefined()
    expect(kindOf('noextension', rules)).toBeUndefined()
    expect(kindOf('bundle.zip', custom)).toBe('custom')
    expect(kindOf('bundle.rar', custom)).toBeUndefined()
  })

  it('builds the picker accept list', () => {
    expect(acceptOf(custom)).toBe('.jpg,.jpeg,.png,.gif,.webp,.svg,.zip')
  })

  it('refuses the wrong type, too big and too many, keeping the first problem', () => {
    const files = [
      { name: 'a.png', size: 10 },
      { name: 'b.exe', size: 10 },
      { name: 'c.png', size: 2 * MB },
      { name: 'd.pdf', size: 10 },
      { name: 'e.pdf', size: 10 },
    ]
    const { accepted, problem } = checkFiles(files, rules, 0)
    expect(accepted.map(({ file, kind }) => [file.name, kind])).toEqual([
      ['a.png', 'image'],
      ['d.pdf', 'document'],
    ])
    expect(problem).toEqual({ problem: 'type', name: 'b.exe' })
    expect(checkFiles([files[2]!], rules, 0).problem).toEqual({
      problem: 'size',
      name: 'c.png',
      maxMb: 1,
    })
    expect(checkFiles([files[0]!], rules, 2).problem).toEqual({ problem: 'count', max: 2 })
  })
})
