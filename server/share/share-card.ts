import type { Locale } from '../../contract/locales.ts'
import type { CardFonts, ShapedRun } from './card-fonts.ts'

export const CARD_WIDTH = 1200
export const CARD_HEIGHT = 630

export interface CardImage {
  bytes: Uint8Array
  contentType: string
}

export interface ShareCardInput {
  title: string
  description: string
  locale: Locale
  /** `#rrggbb` each: the pack's light page, its text, its muted text, and the accent. */
  colors: { background: string; text: string; muted: string; accent: string }
  /** The brand's avatar or logo, else the pack's favicon. */
  avatar: CardImage
  /** The pack's gallery preview. */
  preview: CardImage
}

const COLUMN_X = 72
const COLUMN_WIDTH = 520
const TITLE_SIZES = [76, 68, 60, 52, 46]
const DESCRIPTION_SIZE = 30
const DESCRIPTION_LINES = 3
const ELLIPSIS = '…'
/** A CJK character, a word with the spaces after it, or spaces: the pieces lines break between. */
const CJK = '\\u2e80-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff00-\\uffef'
const BREAKABLE = new RegExp(`[${CJK}]|[^\\s${CJK}]+\\s*|\\s+`, 'g')
/** The slices are the variable fonts' default (thin) master; a stroke in font units gives weight. */
const TITLE_STROKE = 64
const DESCRIPTION_STROKE = 30

/**
 * The link preview card (1200×630) as SVG: the bot's picture and name and the description on the
 * pack's background, beside the pack's preview. Text is drawn as glyph outlines from the bundled
 * Noto fonts, so the SVG holds no text node at all and no font is needed to render it; images are
 * base64 data URLs and colours are `#rrggbb`, so nothing from config can become markup.
 */
export function shareCardSvg(input: ShareCardInput, fonts: CardFonts): string {
  const { colors, locale } = input
  const measure = (text: string, size: number) => widthOf(fonts.shape(text, locale), size)
  const titleSize =
    TITLE_SIZES.find((size) => measure(input.title, size) <= COLUMN_WIDTH) ?? TITLE_SIZES.at(-1)!
  const title = fitLine(input.title, (text) => measure(text, titleSize))
  const lines = wrap(input.description, (text) => measure(text, DESCRIPTION_SIZE))
  const text = (line: string, size: number, y: number, fill: string, stroke: number) =>
    glyphsSvg(fonts.shape(line, locale), COLUMN_X, y, size, fill, stroke)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    '<defs>',
    `<clipPath id="avatar"><circle cx="${COLUMN_X + 64}" cy="152" r="64"/></clipPath>`,
    '<clipPath id="preview"><rect x="648" y="150" width="480" height="300" rx="24"/></clipPath>',
    '</defs>',
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${colors.background}"/>`,
    `<rect y="${CARD_HEIGHT - 18}" width="${CARD_WIDTH}" height="18" fill="${colors.accent}"/>`,
    `<circle cx="${COLUMN_X + 64}" cy="152" r="66" fill="${colors.accent}"/>`,
    `<circle cx="${COLUMN_X + 64}" cy="152" r="64" fill="#ffffff"/>`,
    `<image clip-path="url(#avatar)" x="${COLUMN_X}" y="88" width="128" height="128" preserveAspectRatio="xMidYMid slice" href="${dataUrl(input.avatar)}"/>`,
    text(title, titleSize, 300, colors.text, TITLE_STROKE),
    ...lines.map((line, index) =>
      text(line, DESCRIPTION_SIZE, 364 + index * 44, colors.muted, DESCRIPTION_STROKE),
    ),
    `<rect x="656" y="160" width="480" height="300" rx="24" fill="${colors.accent}" opacity="0.35"/>`,
    `<rect x="648" y="150" width="480" height="300" rx="24" fill="#ffffff"/>`,
    `<image clip-path="url(#preview)" x="648" y="150" width="480" height="300" preserveAspectRatio="xMidYMid slice" href="${dataUrl(input.preview)}"/>`,
    `<rect x="648" y="150" width="480" height="300" rx="24" fill="none" stroke="${colors.muted}" stroke-opacity="0.4" stroke-width="2"/>`,
    '</svg>',
  ].join('')
}

function glyphsSvg(
  runs: readonly ShapedRun[],
  x: number,
  baseline: number,
  size: number,
  fill: string,
  stroke: number,
): string {
  let pen = x
  const paths: string[] = []
  for (const run of runs) {
    const scale = size / run.unitsPerEm
    for (const glyph of run.glyphs) {
      if (glyph.d) {
        const left = (pen + glyph.x * scale).toFixed(2)
        paths.push(
          `<path transform="translate(${left} ${baseline}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})" d="${glyph.d}"/>`,
        )
      }
    }
    pen += run.advance * scale
  }
  return `<g fill="${fill}" stroke="${fill}" stroke-width="${stroke}" stroke-linejoin="round">${paths.join('')}</g>`
}

function widthOf(runs: readonly ShapedRun[], size: number): number {
  return runs.reduce((total, run) => total + (run.advance * size) / run.unitsPerEm, 0)
}

/** The text, or (or when `cut`) as much of it as fits followed by an ellipsis. */
function fitLine(text: string, width: (text: string) => number, cut = false): string {
  if (!cut && width(text) <= COLUMN_WIDTH) return text
  const characters = [...text]
  while (characters.length > 0 && width(characters.join('').trimEnd() + ELLIPSIS) > COLUMN_WIDTH) {
    characters.pop()
  }
  return characters.join('').trimEnd() + ELLIPSIS
}

/**
 * Greedy line breaks at spaces, and between any two CJK characters (which have none); at most
 * DESCRIPTION_LINES lines, the last one ellipsised when the text goes on.
 */
function wrap(text: string, width: (text: string) => number): string[] {
  const pieces = text.match(BREAKABLE) ?? []
  const lines: string[] = []
  let line = ''
  for (const piece of pieces) {
    if (line !== '' && width((line + piece).trimEnd()) > COLUMN_WIDTH) {
      lines.push(line.trimEnd())
      line = piece.trimStart()
    } else {
      line += piece
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd())
  if (lines.length <= DESCRIPTION_LINES) return lines
  const kept = lines.slice(0, DESCRIPTION_LINES)
  const last = kept.pop()!
  return [...kept, fitLine(last, width, true)]
}

function dataUrl({ bytes, contentType }: CardImage): string {
  return `data:${contentType};base64,${Buffer.from(bytes).toString('base64')}`
}
