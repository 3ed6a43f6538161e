import type { FileKind } from './file-kind.ts'

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
