import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { extname, join, relative } from 'node:path'
import { compressBytes } from './compress-bytes.ts'
import { COMPRESSIBLE_EXTENSIONS, CONTENT_CODINGS, TWIN_SUFFIX } from './encodings.ts'

/** Every file under `dir` the server would compress, as paths relative to `dir`. */
export function compressibleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && COMPRESSIBLE_EXTENSIONS.has(extname(entry.name)))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
}

export interface TwinReport {
  file: string
  raw: number
  br: number
  gzip: number
}

/** Writes `<file>.br` and `<file>.gz` beside every compressible file under `dir`. */
export function precompressFolder(dir: string): TwinReport[] {
  return compressibleFiles(dir).map((file) => {
    const bytes = readFileSync(join(dir, file))
    const sizes = { br: 0, gzip: 0 }
    for (const coding of CONTENT_CODINGS) {
      const twin = compressBytes(bytes, coding)
      writeFileSync(join(dir, file + TWIN_SUFFIX[coding]), twin)
      sizes[coding] = twin.byteLength
    }
    return { file, raw: bytes.byteLength, ...sizes }
  })
}
