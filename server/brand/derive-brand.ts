import { contrast, oklchToRgb, parseHex, rgbToOklch, toHex, type Rgb } from './color.ts'
import type { Scheme } from './pack-surfaces.ts'

/** Tokens a pack may let the brand accent drive (`brandable` in theme.json). */
export const BRANDABLE_TOKENS = ['accent', 'user-bubble', 'focus'] as const
export type BrandableToken = (typeof BRANDABLE_TOKENS)[number]

/** WCAG AA for body text. */
const AA_TEXT = 4.5
/**
 * What a derived colour must reach, checked as the #rrggbb it is written as: a little over AA, as
 * the browser resolves a pack's oklch() surfaces a rounding step away from our reading of them.
 */
const TEXT_TARGET = 4.55
const WHITE: Rgb = { r: 1, g: 1, b: 1 }
/** Pure black: any fill has white or black text at 4.58:1 or better, a greyer ink can't promise it. */
const INK: Rgb = { r: 0, g: 0, b: 0 }
const SCHEMES: readonly Scheme[] = ['light', 'dark']

export interface DerivedBrand {
  /** Custom property → value, each a `light-dark(…)` pair. */
  tokens: Record<string, string>
  /** One line per scheme where the accent had to move to stay readable. */
  adjustments: string[]
}

/**
 * The pack's brandable tokens in the brand's accent, for light and dark. The accent doubles as
 * text (links, media controls), so on each scheme it keeps its hue and chroma and moves only in
 * OKLCH lightness, the least it must, until it reads at AA on every text surface; fills get white
 * or ink text, whichever contrasts more (one of them always reaches 4.5:1).
 */
export function deriveBrand(
  accentHex: string,
  surfaces: Record<Scheme, readonly Rgb[]>,
  brandable: readonly BrandableToken[],
): DerivedBrand {
  const accent = parseHex(accentHex)
  if (!accent) throw new Error(`not a #rrggbb colour: ${accentHex}`)
  const adjustments: string[] = []
  const text = {} as Record<Scheme, Rgb>
  for (const scheme of SCHEMES) {
    text[scheme] = readableOn(accent, surfaces[scheme])
    const worst = surfaces[scheme].reduce((a, b) =>
      contrast(accent, a) < contrast(accent, b) ? a : b,
    )
    if (toHex(text[scheme]) !== toHex(accent)) {
      adjustments.push(
        `${scheme}: accent ${toHex(accent)} on ${toHex(worst)} is ` +
          `${formatRatio(contrast(accent, worst))}:1; using ${toHex(text[scheme])} for text`,
      )
    }
  }
  const pair = (light: Rgb, dark: Rgb) => `light-dark(${toHex(light)}, ${toHex(dark)})`
  const tokens: Record<string, string> = {}
  if (brandable.includes('accent')) {
    tokens['--cs-accent'] = pair(text.light, text.dark)
    tokens['--cs-on-accent'] = pair(inkOrWhite(text.light), inkOrWhite(text.dark))
  }
  if (brandable.includes('focus')) tokens['--cs-focus'] = pair(text.light, text.dark)
  if (brandable.includes('user-bubble')) {
    // A fill: the brand colour itself, its text picked to read on it.
    tokens['--cs-user-bubble'] = pair(accent, accent)
    tokens['--cs-on-user-bubble'] = pair(inkOrWhite(accent), inkOrWhite(accent))
  }
  return { tokens, adjustments }
}

/** One decimal, as contrast is usually quoted, but never rounded up to a passing 4.5. */
function formatRatio(ratio: number): string {
  const short = ratio.toFixed(1)
  return Number(short) >= AA_TEXT && ratio < AA_TEXT
    ? (Math.floor(ratio * 100) / 100).toFixed(2)
    : short
}

/** White or black text, whichever reads better on `fill`. */
export function inkOrWhite(fill: Rgb): Rgb {
  return contrast(WHITE, fill) >= contrast(INK, fill) ? WHITE : INK
}

/** `color`, or its nearest lightness (same hue, chroma within gamut) that reads on every surface. */
function readableOn(color: Rgb, surfaces: readonly Rgb[]): Rgb {
  const reads = (candidate: Rgb) =>
    surfaces.every((surface) => contrast(parseHex(toHex(candidate))!, surface) >= TEXT_TARGET)
  if (reads(color)) return color
  const start = rgbToOklch(color)
  // Step away from the surfaces: darker on light ones, lighter on dark ones.
  const darken =
    surfaces.reduce((sum, s) => sum + contrast(s, INK), 0) >=
    surfaces.reduce((sum, s) => sum + contrast(s, WHITE), 0)
  const end = darken ? 0 : 1
  for (let step = 1; step <= 100; step++) {
    const l = start.l + ((end - start.l) * step) / 100
    const candidate = oklchToRgb({ ...start, l })
    if (reads(candidate)) return parseHex(toHex(candidate))!
  }
  return darken ? INK : WHITE
}
