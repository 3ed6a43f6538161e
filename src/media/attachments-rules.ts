import { FILE_EXTENSIONS as EXTENSIONS } from '../../contract/file-extensions.ts'
import { isKind, type FileKind } from '../../contract/file-kind.ts'
import {
  DIFY_DEFAULT_LIMITS_MB as DEFAULT_LIMITS_MB,
  MB,
  SERVER_UPLOAD_MAX_BYTES,
} from '../../contract/upload-limits.ts'

export type { FileKind }
export { SERVER_UPLOAD_MAX_BYTES }

/** A file already uploaded to Dify, as a `file` / `file-list` input keeps it. */
export interface InputFile {
  uploadId: string
  name: string
  kind: FileKind
}

/** What the app lets a visitor attach from their device. */
export interface UploadRules {
  kinds: FileKind[]
  /** For `custom`: the extensions allowed, lower case without the dot. */
  customExtensions: string[]
  maxFiles: number
  /** Largest file of each kind, in bytes (never above what chatskins' server takes). */
  maxBytes: Record<FileKind, number>
}

type Json = Record<string, unknown>
const object = (value: unknown): Json =>
  typeof value === 'object' && value !== null ? (value as Json) : {}
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
const positive = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback

/**
 * Reads `file_upload` of `GET /parameters` (docs/dify-wire.md#parameters) in both shapes: the full one
 * (`enabled`, `allowed_file_types`, `allowed_file_extensions`, `number_limits`,
 * `fileUploadConfig`) and the old image-only one (`image.enabled`). Null when the visitor can't
 * upload from their device.
 */
export function parseUploadRules(parameters: unknown): UploadRules | null {
  const params = object(parameters)
  const upload = object(params.file_upload)
  const limits = { ...object(params.system_parameters), ...object(upload.fileUploadConfig) }
  const sizes = (kind: FileKind): number => {
    const mb =
      kind === 'image'
        ? positive(limits.image_file_size_limit, DEFAULT_LIMITS_MB.image)
        : kind === 'audio'
          ? positive(limits.audio_file_size_limit, DEFAULT_LIMITS_MB.audio)
          : kind === 'video'
            ? positive(limits.video_file_size_limit, DEFAULT_LIMITS_MB.video)
            : positive(limits.file_size_limit, DEFAULT_LIMITS_MB.document)
    return Math.min(mb * MB, SERVER_UPLOAD_MAX_BYTES)
  }
  const maxBytes = {
    image: sizes('image'),
    document: sizes('document'),
    audio: sizes('audio'),
    video: sizes('video'),
    custom: sizes('custom'),
  }
  if (upload.enabled === true) {
    const methods = upload.allowed_file_upload_methods
    if (Array.isArray(methods) && !methods.includes('local_file')) return null
    const kinds = strings(upload.allowed_file_types).filter(isKind)
    const customExtensions = strings(upload.allowed_file_extensions).map(bareExtension)
    if (kinds.length === 0) return null
    return { kinds, customExtensions, maxFiles: positive(upload.number_limits, 3), maxBytes }
  }
  const image = object(upload.image)
  if (image.enabled !== true) return null
  const methods = image.transfer_methods
  if (Array.isArray(methods) && !methods.includes('local_file')) return null
  return {
    kinds: ['image'],
    customExtensions: [],
    maxFiles: positive(image.number_limits, 3),
    maxBytes,
  }
}

function bareExtension(extension: string): string {
  return extension.trim().replace(/^\./, '').toLowerCase()
}

/** A file name's extension, lower case without the dot ('' when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

/**
 * The kind a file goes to Dify as, by its extension as Dify's web app decides it: a known kind
 * the app allows, else `custom` when the app allows that extension; undefined when not allowed.
 */
export function kindOf(name: string, rules: UploadRules): FileKind | undefined {
  const extension = extensionOf(name)
  if (!extension) return undefined
  for (const kind of rules.kinds) {
    if (kind !== 'custom' && EXTENSIONS[kind].includes(extension)) return kind
  }
  if (rules.kinds.includes('custom') && rules.customExtensions.includes(extension)) return 'custom'
  return undefined
}

/** The file picker's `accept`: every extension the app takes. */
export function acceptOf(rules: UploadRules): string {
  const extensions = rules.kinds.flatMap((kind) =>
    kind === 'custom' ? rules.customExtensions : EXTENSIONS[kind],
  )
  return [...new Set(extensions)].map((extension) => `.${extension}`).join(',')
}

export type FileProblem =
  | { problem: 'type'; name: string }
  | { problem: 'size'; name: string; maxMb: number }
  | { problem: 'count'; max: number }

export interface FileCheck<F> {
  accepted: Array<{ file: F; kind: FileKind }>
  /** The first thing wrong, for one message (the other refused files share it or a similar one). */
  problem: FileProblem | undefined
}

/** Which of `files` may join the `attached` already there: right type, size and count. */
export function checkFiles<F extends { name: string; size: number }>(
  files: readonly F[],
  rules: UploadRules,
  attached: number,
): FileCheck<F> {
  const accepted: FileCheck<F>['accepted'] = []
  let problem: FileProblem | undefined
  for (const file of files) {
    const kind = kindOf(file.name, rules)
    if (!kind) {
      problem ??= { problem: 'type', name: file.name }
    } else if (file.size > rules.maxBytes[kind]) {
      problem ??= { problem: 'size', name: file.name, maxMb: Math.floor(rules.maxBytes[kind] / MB) }
    } else if (attached + accepted.length >= rules.maxFiles) {
      problem ??= { problem: 'count', max: rules.maxFiles }
    } else {
      accepted.push({ file, kind })
    }
  }
  return { accepted, problem }
}
