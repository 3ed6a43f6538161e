import { Resvg } from '@resvg/resvg-js'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** A PNG's size from its IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) throw new Error('not a PNG')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('no IHDR')
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/** A PNG's RGBA pixels, decoded by drawing it at its own size with resvg. */
export function pngPixels(bytes: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const { width, height } = pngSize(bytes)
  const href = `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="${href}"/></svg>`
  return { width, height, rgba: new Resvg(svg).render().pixels }
}

/** How many pixels differ between two same-sized RGBA images inside a rectangle. */
export function differingPixels(
  one: { width: number; rgba: Uint8Array },
  other: { rgba: Uint8Array },
  box: { x: number; y: number; width: number; height: number },
): number {
  let count = 0
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const at = (y * one.width + x) * 4
      if ([0, 1, 2, 3].some((channel) => one.rgba[at + channel] !== other.rgba[at + channel])) {
        count++
      }
    }
  }
  return count
}
