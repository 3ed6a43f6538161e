import { describe, expect, it, vi } from 'vitest'
import type { UploadedFile } from '../api/media-api.ts'
import { createAttachments } from './attachments.ts'
import { createMessage } from '../chat/chat-message.ts'

const PARAMETERS = {
  file_upload: {
    enabled: true,
    allowed_file_types: ['image', 'document'],
    number_limits: 2,
    fileUploadConfig: { image_file_size_limit: 1 },
  },
}

function setup() {
  const pending: Array<{
    file: File
    progress: (fraction: number) => void
    resolve: (file: UploadedFile) => void
    reject: (error: unknown) => void
  }> = []
  const revoked: string[] = []
  const attachments = createAttachments({
    api: {
      upload: (file, progress) =>
        new Promise((resolve, reject) => pending.push({ file, progress, resolve, reject })),
    },
    createUrl: (file) => `blob:${file.name}`,
    revokeUrl: (url) => revoked.push(url),
  })
  attachments.configure(PARAMETERS)
  const finish = (index: number, id: string) =>
    pending[index]!.resolve({ id, name: '', size: 0, extension: '', mime_type: '' })
  return { attachments, pending, revoked, finish }
}

const file = (name: string, size = 10) => new File([new Uint8Array(size)], name)
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('attachments', () => {
  it('uploads with progress and sends only finished files', async () => {
    const { attachments, pending, finish } = setup()
    attachments.add([file('a.png'), file('b.txt')])
    const [image, document] = attachments.items.value
    expect(image?.previewUrl).toBe('blob:a.png')
    expect(document?.previewUrl).toBeUndefined()
    expect(attachments.uploading.value).toBe(true)
    pending[0]!.progress(0.5)
    expect(image?.progress.value).toBe(0.5)
    finish(0, 'id-a')
    await settle()
    const user = createMessage('user', 'hi', 'done', 0)
    expect(attachments.take(user)).toEqual([
      { type: 'image', transfer_method: 'local_file', upload_file_id: 'id-a' },
    ])
    expect(attachments.sentWith(user).map((item) => item.name)).toEqual(['a.png'])
    expect(attachments.items.value.map((item) => item.name)).toEqual(['b.txt'])
    expect(attachments.filesOf(user)).toHaveLength(1)
  })

  it('a text generator reads the finished files and keeps them for its next run', async () => {
    const { attachments, finish } = setup()
    attachments.add([file('a.png'), file('b.txt')])
    expect(attachments.ready()).toEqual([])
    finish(1, 'id-b')
    await settle()
    const sent = [{ type: 'document', transfer_method: 'local_file', upload_file_id: 'id-b' }]
    expect(attachments.ready()).toEqual(sent)
    expect(attachments.ready()).toEqual(sent)
    expect(attachments.items.value).toHaveLength(2)
  })

  it('refuses what breaks the rules, and says why', () => {
    const { attachments } = setup()
    attachments.add([file('big.png', 2 * 1024 * 1024)])
    expect(attachments.problem.value).toEqual({ problem: 'size', name: 'big.png', maxMb: 1 })
    attachments.add([file('a.png'), file('b.png'), file('c.png')])
    expect(attachments.items.value).toHaveLength(2)
    expect(attachments.problem.value).toEqual({ problem: 'count', max: 2 })
  })

  it('removal cancels the upload and revokes the thumbnail', () => {
    const { attachments, revoked } = setup()
    attachments.add([file('a.png')])
    attachments.remove(attachments.items.value[0]!.key)
    expect(attachments.items.value).toEqual([])
    expect(revoked).toEqual(['blob:a.png'])
  })

  it('a failed upload reads as a problem; a failed turn brings its files back', async () => {
    const { attachments, pending, finish } = setup()
    attachments.add([file('a.png'), file('b.png')])
    pending[0]!.reject({ code: 'unsupported_file_type', status: 415, message: '' })
    finish(1, 'id-b')
    await settle()
    expect(attachments.items.value[0]?.status.value).toBe('failed')
    expect(attachments.problem.value).toEqual({ problem: 'type', name: 'a.png' })
    const files = attachments.take(createMessage('user', 'hi', 'done', 0))
    expect(attachments.items.value.map((item) => item.name)).toEqual(['a.png'])
    attachments.restore(files)
    expect(attachments.items.value.map((item) => item.name)).toEqual(['b.png', 'a.png'])
  })

  it('an upload over the rate limit says to slow down, not that it failed', async () => {
    const { attachments, pending } = setup()
    attachments.add([file('a.png')])
    pending[0]!.reject({ code: 'rate_limited', status: 429, message: 'Too many requests' })
    await settle()
    expect(attachments.problem.value).toEqual({ problem: 'slowDown', name: 'a.png' })
  })

  it('does nothing for an app without uploads', () => {
    const upload = vi.fn()
    const attachments = createAttachments({ api: { upload } })
    attachments.configure({ file_upload: { image: { enabled: false } } })
    attachments.add([file('a.png')])
    expect(upload).not.toHaveBeenCalled()
    expect(attachments.rules.value).toBeNull()
  })
})
