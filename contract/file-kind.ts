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

/** Extensions Dify files under each kind, lower case without the dot. */
export const FILE_EXTENSIONS: Readonly<Record<Exclude<FileKind, 'custom'>, readonly string[]>> = {
  image: ['jpg', 'jpeg', 'png', 'gif', 'webp', 'svg'],
  document: [
    'txt',
    'md',
    'mdx',
    'markdown',
    'pdf',
    'html',
    'htm',
    'xlsx',
    'xls',
    'vtt',
    'properties',
    'doc',
    'docx',
    'csv',
    'eml',
    'msg',
    'pptx',
    'ppt',
    'xml',
    'epub',
  ],
  audio: ['mp3', 'm4a', 'wav', 'amr', 'mpga'],
  video: ['mp4', 'mov', 'mpeg', 'webm'],
}
