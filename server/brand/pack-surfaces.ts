import { oklchToRgb, parseHex, type Rgb } from './color.ts'

export type Scheme = 'light' | 'dark'

/** The pack's surfaces that text in the accent colour (links, media controls) sits on. */
const TEXT_SURFACES = ['--cs-bg', '--cs-surface', '--cs-bot-bubble'] as const
/** Where a pack's tokens don't resolve to a colour: the page's own background per scheme. */
const FALLBACK_BG: Record<Scheme, Rgb> = {
  light: { r: 1, g: 1, b: 1 },
  dark: { r: 0, g: 0, b: 0 },
}

/**
 * Reads a pack's text surfaces from its theme.css, for both schemes (see `packColors`).
 */
export function packSurfaces(css: string): Record<Scheme, Rgb[]> {
  const colorOf = packColors(css)
  const surfaces = (scheme: Scheme): Rgb[] => {
    const bg = colorOf('--cs-bg', scheme) ?? FALLBACK_BG[scheme]
    return TEXT_SURFACES.map((name) => colorOf(name, scheme) ?? bg)
  }
  return { light: surfaces('light'), dark: surfaces('dark') }
}

/**
 * A pack's colour tokens as theme.css defines them, per scheme; null where one doesn't resolve to
 * a colour. Understands what packs write for colour tokens: `#hex`, `oklch(L% C H)`,
 * `light-dark(light, dark)`, `var(--token)` and `transparent` (which shows the background).
 */
export function packColors(css: string): (token: string, scheme: Scheme) => Rgb | null {
  const tokens = new Map<string, string>()
  for (const [, name, value] of css.matchAll(/(--[\w-]+)\s*:\s*([^;{}]+);/g)) {
    if (name && value && !tokens.has(name)) tokens.set(name, value.trim())
  }
  const resolve = (value: string, scheme: Scheme, depth = 0): Rgb | null => {
    if (depth > 8) return null
    const reference = /^var\(\s*(--[\w-]+)\s*\)$/.exec(value)
    if (reference) {
      const target = tokens.get(reference[1]!)
      return target ? resolve(target, scheme, depth + 1) : null
    }
    const pair = /^light-dark\((.*)\)$/s.exec(value)
    if (pair) {
      const sides = splitTopLevel(pair[1]!)
      const side = sides[scheme === 'light' ? 0 : 1]
      return side ? resolve(side.trim(), scheme, depth + 1) : null
    }
    return parseCssColor(value)
  }
  return (token, scheme) => resolve(tokens.get(token) ?? '', scheme)
}

function parseCssColor(value: string): Rgb | null {
  const hex = parseHex(value)
  if (hex) return hex
  const oklch = /^oklch\(\s*([\d.]+)%\s+([\d.]+)\s+([\d.]+)\s*\)$/.exec(value)
  if (oklch) {
    return oklchToRgb({ l: Number(oklch[1]) / 100, c: Number(oklch[2]), h: Number(oklch[3]) })
  }
  if (value === 'white') return { r: 1, g: 1, b: 1 }
  return null
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '(') depth++
    else if (text[index] === ')') depth--
    else if (text[index] === ',' && depth === 0) {
      parts.push(text.slice(start, index))
      start = index + 1
    }
  }
  parts.push(text.slice(start))
  return parts
}
