/** Which shipped CJK font stylesheet (dist/client/fonts/<id>.css) a piece of text needs. */
export type CjkFont = 'kr' | 'jp' | 'sc' | 'tc'

/** One `@font-face` of a shipped font stylesheet: a unicode-range slice of the font. */
export interface FontSlice {
  family: string
  /** The `src` value, as the stylesheet gives it. */
  source: string
  descriptors: FontFaceDescriptors
  /** The code points it covers, `[first, last]` inclusive. */
  ranges: ReadonlyArray<readonly [number, number]>
}

/**
 * The faces of a stylesheet written by scripts/build-fonts.mjs: one `@font-face{…}` a line, with
 * `font-family`, `font-weight`, `font-display`, `src` and `unicode-range`.
 */
export function parseFontSlices(css: string): FontSlice[] {
  const slices: FontSlice[] = []
  for (const line of css.split('\n')) {
    const body = /^@font-face\{(.*)\}$/.exec(line.trim())?.[1]
    if (!body) continue
    const declarations = new Map(
      body.split(';').map((declaration) => {
        const colon = declaration.indexOf(':')
        return [declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim()] as const
      }),
    )
    const family = declarations.get('font-family')?.replace(/^'|'$/g, '')
    const source = declarations.get('src')
    const unicodeRange = declarations.get('unicode-range')
    if (!family || !source || !unicodeRange) continue
    slices.push({
      family,
      source,
      descriptors: {
        weight: declarations.get('font-weight') ?? 'normal',
        display: (declarations.get('font-display') ?? 'auto') as FontDisplay,
        unicodeRange,
      },
      ranges: unicodeRange.split(',').map((range) => {
        const [first = '', last = first] = range.trim().replace(/^U\+/i, '').split('-')
        return [parseInt(first, 16), parseInt(last, 16)] as const
      }),
    })
  }
  return slices
}

export interface CjkFacesOptions {
  /** The document's font set: each slice the page's text needs is added to it. */
  fonts: Pick<FontFaceSet, 'add'>
  /** A font's stylesheet text; by default `/fonts/<id>.css` from this server. */
  loadCss?: (font: CjkFont) => Promise<string>
  /** All the page's text, read when a font is first needed. */
  pageText: () => string
  createFace?: (slice: FontSlice) => FontFace
}

/**
 * Registers only the slices of a CJK font that the page's text uses. Linking the whole
 * stylesheet registers 100-125 faces a font, and every layout after a font change then walks all
 * of them for each piece of text: 50-90 ms for a page of a few hundred boxes, against ~15 ms with
 * the 20-odd slices a page of mixed text needs (bench/README.md, batch runs).
 */
export function createCjkFaces(options: CjkFacesOptions) {
  const loadCss =
    options.loadCss ??
    ((font: CjkFont) =>
      fetch(`/fonts/${font}.css`).then((response) =>
        response.ok ? response.text() : Promise.reject(new Error(String(response.status))),
      ))
  const createFace =
    options.createFace ??
    ((slice: FontSlice) => new FontFace(slice.family, slice.source, slice.descriptors))
  /** Per font: its slices once the stylesheet has arrived, or the text seen until then. */
  const fonts = new Map<CjkFont, { index: SliceIndex | null; waiting: string[] | null }>()

  const add = (index: SliceIndex, text: string) => {
    for (const slice of index.take(text)) options.fonts.add(createFace(slice))
  }

  const start = (font: CjkFont, text: string) => {
    const entry = {
      index: null as SliceIndex | null,
      waiting: [options.pageText(), text] as string[] | null,
    }
    fonts.set(font, entry)
    loadCss(font).then(
      (css) => {
        entry.index = createSliceIndex(parseFontSlices(css))
        add(entry.index, entry.waiting!.join(''))
        entry.waiting = null
      },
      () => (entry.waiting = null),
    )
  }

  return {
    /** Text now on the page; `needed` are the fonts its scripts call for. */
    show(text: string, needed: readonly CjkFont[]) {
      for (const [, entry] of fonts) {
        if (entry.index) add(entry.index, text)
        else entry.waiting?.push(text)
      }
      for (const font of needed) if (!fonts.has(font)) start(font, text)
    },
  }
}

interface SliceIndex {
  /** The slices covering characters of `text` that no earlier call took. */
  take(text: string): FontSlice[]
}

function createSliceIndex(slices: readonly FontSlice[]): SliceIndex {
  // A later face wins where ranges overlap, as a later @font-face rule does.
  const byCodePoint = new Map<number, FontSlice>()
  for (const slice of slices) {
    for (const [first, last] of slice.ranges) {
      for (let codePoint = first; codePoint <= last; codePoint++) byCodePoint.set(codePoint, slice)
    }
  }
  const checked = new Set<number>()
  const taken = new Set<FontSlice>()
  return {
    take(text) {
      const found: FontSlice[] = []
      for (const character of text) {
        const codePoint = character.codePointAt(0)!
        if (checked.has(codePoint)) continue
        checked.add(codePoint)
        const slice = byCodePoint.get(codePoint)
        if (slice && !taken.has(slice)) {
          taken.add(slice)
          found.push(slice)
        }
      }
      return found
    },
  }
}
