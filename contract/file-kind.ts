/** The kinds of file Dify tells apart (`/talk` `files[].type`, docs/dify-wire.md#files). */
export type FileKind = 'image' | 'document' | 'audio' | 'video' | 'custom'

const KINDS: ReadonlySet<string> = new Set<FileKind>([
  'image',
  'document',
  'audio',
  'video',
  'custom',
])

export function isKind(value: string): value is FileKind {
  return KINDS.has(value)
}
