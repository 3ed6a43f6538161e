import { signal } from '@preact/signals'
import { describe, expect, it } from 'vitest'
import type { UploadedFile } from '../api/media-api.ts'
import { parseUploadRules } from '../media/attachments-rules.ts'
import { createAttachments } from '../media/attachments.ts'
import { parseInputForm } from './inputs.ts'
import { createInputsState } from './inputs-state.ts'
import { createInputsStorage } from './inputs-storage.ts'

const { fields, files } = parseInputForm(
  [
    { 'text-input': { variable: 'name', label: 'Name', required: true } },
    {
      file: {
        variable: 'doc',
        label: 'Document',
        required: true,
        allowed_file_types: ['document'],
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
  ],
  {},
  parseUploadRules,
)

function setup(conversationId: string | null = null) {
  const uploads: Array<{ file: File; resolve: (file: UploadedFile) => void }> = []
  const backing = new Map<string, string>()
  const storage = createInputsStorage('pink', {
    getItem: (key) => backing.get(key) ?? null,
    setItem: (key, value) => void backing.set(key, value),
  })
  const inputs = createInputsState({
    storage,
    search: '',
    createUploads: (rules) => {
      const attachments = createAttachments({
        api: { upload: (file) => new Promise((resolve) => uploads.push({ file, resolve })) },
        createUrl: (file) => `blob:${file.name}`,
        revokeUrl: () => {},
      })
      attachments.rules.value = rules
      return attachments
    },
  })
  const view = { conversationId: signal(conversationId), messages: signal<unknown[]>([]) }
  inputs.attach(view)
  inputs.setFields(fields, files)
  const finish = (index: number, id: string) =>
    uploads[index]!.resolve({ id, name: uploads[index]!.file.name } as UploadedFile)
  return { inputs, view, storage, uploads, finish }
}

const file = (name: string) => new File(['x'], name)
const tick = () => new Promise((resolve) => setTimeout(resolve))

describe('file inputs', () => {
  it('uploads picked files and sends the finished ones as Dify file mappings', async () => {
    const { inputs, finish } = setup()
    inputs.set('name', 'Ann')
    inputs.addFiles('doc', [file('cv.pdf')])
    expect(inputs.check()).toBe(false)
    expect(inputs.problemFor('doc')).toEqual({ code: 'uploading' })
    finish(0, 'up-1')
    await tick()
    expect(inputs.valid.value).toBe(true)
    expect(inputs.forTurn()).toEqual({
      name: 'Ann',
      doc: { type: 'document', transfer_method: 'local_file', upload_file_id: 'up-1' },
    })
  })

  it('holds a required file back until there is one, and takes only allowed types and counts', async () => {
    const { inputs, uploads, finish } = setup()
    inputs.set('name', 'Ann')
    expect(inputs.check()).toBe(false)
    expect(inputs.problemFor('doc')).toEqual({ code: 'required' })
    inputs.addFiles('imgs', [file('cat.pdf')])
    expect(inputs.uploadsOf('imgs')?.problem.value).toEqual({ problem: 'type', name: 'cat.pdf' })
    inputs.addFiles('imgs', [file('a.png'), file('b.png'), file('c.png')])
    expect(inputs.uploadsOf('imgs')?.problem.value).toEqual({ problem: 'count', max: 2 })
    finish(0, 'i1')
    finish(1, 'i2')
    await tick()
    expect(inputs.forTurn().imgs).toEqual([
      { type: 'image', transfer_method: 'local_file', upload_file_id: 'i1' },
      { type: 'image', transfer_method: 'local_file', upload_file_id: 'i2' },
    ])
    const [first] = inputs.uploadsOf('imgs')!.items.value
    inputs.uploadsOf('imgs')!.remove(first!.key)
    expect(inputs.forTurn().imgs).toHaveLength(1)
    expect(uploads).toHaveLength(2)
  })

  it('stores the uploads with the conversation it started, then locks them', async () => {
    const first = setup()
    first.inputs.set('name', 'Ann')
    first.inputs.addFiles('doc', [file('cv.pdf')])
    first.finish(0, 'up-1')
    await tick()
    first.view.messages.value = ['question']
    first.view.conversationId.value = 'c1'
    expect(first.inputs.locked.value).toBe(true)
    const saved = first.storage.read('c1')
    expect(saved?.doc).toEqual([{ uploadId: 'up-1', name: 'cv.pdf', kind: 'document' }])
  })
})

describe('inputs of a conversation started elsewhere', () => {
  const difyInputs = {
    name: 'Bea',
    doc: {
      dify_model_identity: '__dify__file__',
      related_id: 'up-9',
      filename: 'brief.pdf',
      type: 'document',
      transfer_method: 'local_file',
    },
    imgs: [{ type: 'image', transfer_method: 'remote_url', url: 'https://x/y.png' }],
  }

  it("takes Dify's inputs, locks them, and sends them again on the next turn", async () => {
    const { inputs, view, storage } = setup()
    inputs.set('name', 'Ann')
    view.conversationId.value = 'elsewhere'
    expect(inputs.values.value.name).toBe('')
    await inputs.fromDify('elsewhere', difyInputs)
    expect(inputs.values.value).toMatchObject({ name: 'Bea', imgs: [] })
    expect(inputs.locked.value).toBe(true)
    expect(inputs.forTurn()).toEqual({
      name: 'Bea',
      doc: { type: 'document', transfer_method: 'local_file', upload_file_id: 'up-9' },
    })
    expect(inputs.uploadsOf('doc')?.items.value.map((item) => item.name)).toEqual(['brief.pdf'])
    expect(storage.read('elsewhere')).toMatchObject({ name: 'Bea' })
  })

  it('ignores inputs of a conversation no longer shown', async () => {
    const { inputs, view } = setup()
    view.conversationId.value = 'now'
    await inputs.fromDify('before', difyInputs)
    expect(inputs.values.value.name).toBe('')
  })
})
