// sRGB ⇄ OKLCH (Björn Ottosson's OKLab) and WCAG 2 contrast. Small enough to own: the brand needs
// only these few formulas, run once per endpoint at start.

/** sRGB channels 0..1. */
export interface Rgb {
  r: number
  g: number
  b: number
}

/** OKLCH: lightness 0..1, chroma ≥ 0, hue in degrees. */
export interface Oklch {
  l: number
  c: number
  h: number
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i

/** `#rgb` or `#rrggbb`, else null. */
export function parseHex(text: string): Rgb | null {
  if (!HEX.test(text)) return null
  const digits =
    text.length === 4
      ? [...text.slice(1)].map((digit) => digit + digit)
      : [text.slice(1, 3), text.slice(3, 5), text.slice(5, 7)]
  const [r, g, b] = digits.map((pair) => parseInt(pair, 16) / 255) as [number, number, number]
  return { r, g, b }
}

export function toHex({ r, g, b }: Rgb): string {
  const channel = (value: number) =>
    Math.round(Math.min(1, Math.max(0, value)) * 255)
      .toString(16)
      .padStart(2, '0')
  return `#${channel(r)}${channel(g)}${channel(b)}`
}

const toLinear = (value: number) =>
  value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
const fromLinear = (value: number) =>
  value <= 0.0031308 ? value * 12.92 : 1.055 * value ** (1 / 2.4) - 0.055

export function rgbToOklch({ r, g, b }: Rgb): Oklch {
  const [lr, lg, lb] = [toLinear(r), toLinear(g), toLinear(b)]
  const l = Math.cbrt(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb)
  const m = Math.cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb)
  const s = Math.cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb)
  const L = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s
  const a = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s
  const bb = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s
  const hue = (Math.atan2(bb, a) * 180) / Math.PI
  return { l: L, c: Math.hypot(a, bb), h: hue < 0 ? hue + 360 : hue }
}

/** The sRGB colour, unclamped: channels outside 0..1 mean it is out of gamut. */
function oklchToRawRgb({ l: L, c, h }: Oklch): Rgb {
  const a = c * Math.cos((h * Math.PI) / 180)
  const b = c * Math.sin((h * Math.PI) / 180)
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3
  return {
    r: fromLinear(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
    g: fromLinear(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
    b: fromLinear(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s),
  }
}

const inGamut = ({ r, g, b }: Rgb) => [r, g, b].every((v) => v >= -1e-4 && v <= 1 + 1e-4)

/** The colour in sRGB, its chroma reduced (hue and lightness kept) until it fits. */
export function oklchToRgb(color: Oklch): Rgb {
  let rgb = oklchToRawRgb(color)
  if (inGamut(rgb)) return rgb
  let [low, high] = [0, color.c]
  for (let step = 0; step < 24; step++) {
    const mid = (low + high) / 2
    if (inGamut(oklchToRawRgb({ ...color, c: mid }))) low = mid
    else high = mid
  }
  rgb = oklchToRawRgb({ ...color, c: low })
  return rgb
}

/** WCAG 2 relative luminance. */
export function luminance({ r, g, b }: Rgb): number {
  return 0.2126 * toLinear(r) + 0.7152 * toLinear(g) + 0.0722 * toLinear(b)
}

/** WCAG 2 contrast ratio, 1..21. */
export function contrast(one: Rgb, other: Rgb): number {
  const [light, dark] = [luminance(one), luminance(other)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}
