import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { brotliDecompressSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import * as fontkit from 'fontkit'
import type { Locale } from '../../contract/locales.ts'

/** The CJK web fonts the client ships (scripts/build-fonts.mjs); each also has Latin glyphs. */
const FONT_PACKAGES = {
  jp: '@fontsource-variable/noto-sans-jp',
  kr: '@fontsource-variable/noto-sans-kr',
  sc: '@fontsource-variable/noto-sans-sc',
  tc: '@fontsource-variable/noto-sans-tc',
} as const
type FontId = keyof typeof FONT_PACKAGES

/** Which font's glyphs a locale prefers where several have one (Han characters differ). */
const FONT_ORDER: Record<Locale, FontId[]> = {
  en: ['jp', 'kr', 'sc', 'tc'],
  ja: ['jp', 'kr', 'sc', 'tc'],
  ko: ['kr', 'jp', 'sc', 'tc'],
  'zh-Hans': ['sc', 'tc', 'jp', 'kr'],
  'zh-Hant': ['tc', 'sc', 'jp', 'kr'],
}
const FACE = /src: url\(\.\/files\/([^)]+\.woff2)\)[^;]*;\s*unicode-range: ([^;]+);/g

interface Slice {
  file: string
  ranges: Array<[number, number]>
}

/** One glyph run laid out in one font slice, in that font's units. */
export interface ShapedRun {
  /** SVG path data per glyph, y up, with its x offset in font units. */
  glyphs: Array<{ d: string; x: number }>
  advance: number
  unitsPerEm: number
}

export interface CardFonts {
  /** Lays `text` out in the fonts' unicode-range slices; characters no font has are left out. */
  shape(text: string, locale: Locale): ShapedRun[]
}

/**
 * The Noto Sans fonts of the client's CJK web fonts, read from their npm packages: only the
 * unicode-range slices that the text needs are parsed (woff2, through fontkit), and kept.
 */
export function createCardFonts(): CardFonts {
  const require = createRequire(import.meta.url)
  const slicesOf = new Map<FontId, Slice[]>()
  const fonts = new Map<string, fontkit.Font>()
  const slices = (id: FontId): Slice[] => {
    let list = slicesOf.get(id)
    if (!list) {
      const dir = dirname(require.resolve(`${FONT_PACKAGES[id]}/package.json`))
      const css = readFileSync(join(dir, 'index.css'), 'utf8')
      list = [...css.matchAll(FACE)].map(([, file, range]) => ({
        file: join(dir, 'files', file!),
        ranges: parseUnicodeRange(range!),
      }))
      slicesOf.set(id, list)
    }
    return list
  }
  const sliceFor = (codePoint: number, locale: Locale): Slice | undefined => {
    for (const id of FONT_ORDER[locale]) {
      const slice = slices(id).find(({ ranges }) =>
        ranges.some(([from, to]) => codePoint >= from && codePoint <= to),
      )
      if (slice) return slice
    }
    return undefined
  }
  const fontOf = (file: string): fontkit.Font => {
    let font = fonts.get(file)
    if (!font) {
      font = fontkit.create(readFileSync(file)) as fontkit.Font
      decompressNatively(font)
      fonts.set(file, font)
    }
    return font
  }
  return {
    shape(text, locale) {
      const runs: Array<{ file: string; text: string }> = []
      for (const character of text) {
        const slice = sliceFor(character.codePointAt(0)!, locale)
        if (!slice) continue
        const last = runs.at(-1)
        if (last?.file === slice.file) last.text += character
        else runs.push({ file: slice.file, text: character })
      }
      return runs.map(({ file, text: runText }) => {
        const font = fontOf(file)
        const { glyphs, positions } = font.layout(runText)
        let x = 0
        const shaped = glyphs.map((glyph, index) => {
          const placed = { d: glyph.path.toSVG(), x: x + positions[index]!.xOffset }
          x += positions[index]!.xAdvance
          return placed
        })
        return { glyphs: shaped, advance: x, unitsPerEm: font.unitsPerEm }
      })
    },
  }
}

function parseUnicodeRange(text: string): Array<[number, number]> {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-')
    const start = parseInt(from!, 16)
    return [start, to === undefined ? start : parseInt(to, 16)]
  })
}

/** The parts of fontkit 2.0's WOFF2Font that its own (JavaScript) brotli decoding fills in. */
interface Woff2Internals {
  type?: string
  stream: { buffer: Uint8Array; constructor: new (buffer: Uint8Array) => unknown }
  _dataPos?: number
  _decompressed?: boolean
  directory: {
    totalCompressedSize: number
    tables: Record<string, { offset: number; length: number; transformLength?: number }>
  }
}

/**
 * Does what fontkit's WOFF2Font._decompress does, with Node's brotli instead of fontkit's
 * JavaScript one: 45 ms a slice instead of 300. Skipped (fontkit decodes as usual) when the font
 * isn't shaped as fontkit 2.0 makes it.
 */
function decompressNatively(font: fontkit.Font): void {
  const woff2 = font as unknown as Woff2Internals
  if (woff2.type !== 'WOFF2' || woff2._dataPos === undefined || woff2._decompressed) return
  const { totalCompressedSize, tables } = woff2.directory
  const compressed = woff2.stream.buffer.subarray(
    woff2._dataPos,
    woff2._dataPos + totalCompressedSize,
  )
  let offset = 0
  for (const entry of Object.values(tables)) {
    entry.offset = offset
    offset += entry.transformLength ?? entry.length
  }
  woff2.stream = new woff2.stream.constructor(
    brotliDecompressSync(compressed),
  ) as Woff2Internals['stream']
  woff2._decompressed = true
}
