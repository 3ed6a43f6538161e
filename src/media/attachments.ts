import { batch, computed, signal, type Signal } from '@preact/signals'
import type { ChatError } from '../api/chat-error.ts'
import type { MediaApi } from '../api/media-api.ts'
import {
  acceptOf,
  checkFiles,
  parseUploadRules,
  type FileKind,
  type FileProblem,
  type InputFile,
  type UploadRules,
} from './attachments-rules.ts'
import type { ChatMessage } from '../chat/chat-message.ts'

export type AttachmentStatus = 'uploading' | 'done' | 'failed'

/** One file in the composer, then on the message it went with. */
export interface Attachment {
  key: string
  name: string
  size: number
  kind: FileKind
  /** An object URL of the image itself, for its thumbnail. */
  previewUrl: string | undefined
  /** 0…1 */
  progress: Signal<number>
  status: Signal<AttachmentStatus>
  uploadId: string | undefined
  cancel: () => void
}

/** A problem to tell the visitor, in i18n terms. */
export type AttachmentProblem =
  FileProblem | { problem: 'upload'; name: string } | { problem: 'slowDown'; name: string }

/** A `/talk` `files` entry (docs/http-api.md#routes, docs/dify-wire.md#files). */
export type TalkFile = Record<string, unknown>

export interface AttachmentsOptions {
  api: Pick<MediaApi, 'upload'>
  createUrl?: (file: File) => string
  revokeUrl?: (url: string) => void
}

let nextKey = 0

/**
 * The files attached to the next message: checked against the app's rules, uploaded at once
 * with progress, removable until sent. `take` hands the uploaded ones to a turn and remembers
 * them on its user message; `restore` brings them back when that turn fails.
 */
export function createAttachments(options: AttachmentsOptions) {
  const { api } = options
  const createUrl = options.createUrl ?? ((file: File) => URL.createObjectURL(file))
  const revokeUrl = options.revokeUrl ?? ((url: string) => URL.revokeObjectURL(url))
  const rules = signal<UploadRules | null>(null)
  const items = signal<Attachment[]>([])
  const problem = signal<AttachmentProblem | null>(null)
  const uploading = computed(() => items.value.some((item) => item.status.value === 'uploading'))
  const accept = computed(() => (rules.value ? acceptOf(rules.value) : ''))
  const sent = new WeakMap<ChatMessage, Attachment[]>()
  const sentVersion = signal(0)
  /** Sent attachments by upload id, to put back after a failed turn. */
  const byUploadId = new Map<string, Attachment>()

  const upload = (attachment: Attachment, file: File, signal: AbortSignal) => {
    api
      .upload(file, (fraction) => (attachment.progress.value = fraction), signal)
      .then(
        (uploaded) => {
          attachment.uploadId = uploaded.id
          attachment.status.value = 'done'
        },
        (error: ChatError) => {
          if (error.code === 'aborted') return
          attachment.status.value = 'failed'
          problem.value = uploadProblem(error, attachment, rules.peek())
        },
      )
  }

  const add = (files: readonly File[]) => {
    const current = rules.peek()
    if (!current || files.length === 0) return
    const attached = items.peek().filter((item) => item.status.peek() !== 'failed').length
    const check = checkFiles(files, current, attached)
    const added = check.accepted.map(({ file, kind }) => {
      const controller = new AbortController()
      const attachment: Attachment = {
        key: `f${++nextKey}`,
        name: file.name,
        size: file.size,
        kind,
        previewUrl: kind === 'image' ? createUrl(file) : undefined,
        progress: signal(0),
        status: signal('uploading'),
        uploadId: undefined,
        cancel: () => controller.abort(),
      }
      upload(attachment, file, controller.signal)
      return attachment
    })
    batch(() => {
      // Failed uploads make room for the new ones.
      items.value = [...items.peek().filter((item) => item.status.peek() !== 'failed'), ...added]
      problem.value = check.problem ?? null
    })
  }

  /** Shows these already uploaded files instead of the current ones (inputs restored). */
  const reset = (files: readonly InputFile[]) => {
    for (const item of items.peek()) {
      item.cancel()
      if (item.previewUrl) revokeUrl(item.previewUrl)
    }
    batch(() => {
      items.value = files.map((file) => ({
        key: `f${++nextKey}`,
        name: file.name,
        size: 0,
        kind: file.kind,
        previewUrl: undefined,
        progress: signal(1),
        status: signal<AttachmentStatus>('done'),
        uploadId: file.uploadId,
        cancel: () => {},
      }))
      problem.value = null
    })
  }

  const remove = (key: string) => {
    const attachment = items.peek().find((item) => item.key === key)
    if (!attachment) return
    attachment.cancel()
    if (attachment.previewUrl) revokeUrl(attachment.previewUrl)
    items.value = items.peek().filter((item) => item !== attachment)
  }

  /** For the chat store: the uploaded files go with this turn and show on its message. */
  const take = (message: ChatMessage | undefined): TalkFile[] => {
    const ready = items.peek().filter((item) => item.status.peek() === 'done')
    if (ready.length === 0) return []
    batch(() => {
      items.value = items.peek().filter((item) => !ready.includes(item))
      problem.value = null
      if (message) {
        sent.set(message, ready)
        sentVersion.value++
      }
    })
    for (const item of ready) byUploadId.set(item.uploadId!, item)
    return ready.map(toTalkFile)
  }

  /** A text generator's run: the uploaded files go with it and stay for the next run. */
  const ready = (): TalkFile[] =>
    items
      .peek()
      .filter((item) => item.status.peek() === 'done')
      .map(toTalkFile)

  /** The files a message went with, to send again (Regenerate). */
  const filesOf = (message: ChatMessage | undefined): TalkFile[] =>
    (message && sent.get(message)?.map(toTalkFile)) ?? []

  /** After a failed turn: its files come back to the composer, with the text. */
  const restore = (files: readonly TalkFile[]) => {
    const back = files
      .map((file) => byUploadId.get(String(file.upload_file_id)))
      .filter((item): item is Attachment => item !== undefined && !items.peek().includes(item))
    if (back.length > 0) items.value = [...back, ...items.peek()]
  }

  return {
    rules,
    /** The file picker's `accept`. */
    accept,
    items,
    problem,
    uploading,
    configure: (parameters: unknown) => (rules.value = parseUploadRules(parameters)),
    add,
    remove,
    reset,
    take,
    ready,
    filesOf,
    restore,
    /** The files shown on a sent message (re-read when a turn takes files). */
    sentWith: (message: ChatMessage): Attachment[] => {
      void sentVersion.value
      return sent.get(message) ?? []
    },
    dismissProblem: () => (problem.value = null),
  }
}

export type Attachments = ReturnType<typeof createAttachments>

function toTalkFile(item: Attachment): TalkFile {
  return { type: item.kind, transfer_method: 'local_file', upload_file_id: item.uploadId }
}

/** Dify's and chatskins' upload errors (docs/dify-wire.md#files) as the problems the visitor reads. */
function uploadProblem(
  error: ChatError,
  { name, kind }: Attachment,
  rules: UploadRules | null,
): AttachmentProblem {
  if (error.status === 413 || error.code === 'file_too_large') {
    return {
      problem: 'size',
      name,
      maxMb: Math.floor((rules?.maxBytes[kind] ?? 0) / (1024 * 1024)),
    }
  }
  if (error.status === 415 || error.code === 'unsupported_file_type')
    return { problem: 'type', name }
  // chatskins' per-visitor and per-IP limit (server/security/costly-route-limits.ts).
  if (error.code === 'rate_limited') return { problem: 'slowDown', name }
  return { problem: 'upload', name }
}
