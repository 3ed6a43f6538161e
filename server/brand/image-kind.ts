/** The image formats a brand may use, told by their first bytes (never by the file name). */
export type BrandImageKind = 'png' | 'jpeg' | 'webp' | 'svg'

export const IMAGE_TYPES: Record<BrandImageKind, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  svg: 'image/svg+xml',
}

/** The extension a brand image's URL gets, from its kind. */
export const IMAGE_EXTENSIONS: Record<BrandImageKind, string> = {
  png: 'png',
  jpeg: 'jpg',
  webp: 'webp',
  svg: 'svg',
}

/** The content type of a brand image URL (`…/<field>-<hash>.<ext>`), from the extension it got. */
export function imageTypeOfUrl(url: string): string | undefined {
  const extension = url.slice(url.lastIndexOf('.') + 1)
  const kind = (Object.keys(IMAGE_EXTENSIONS) as BrandImageKind[]).find(
    (candidate) => IMAGE_EXTENSIONS[candidate] === extension,
  )
  return kind && IMAGE_TYPES[kind]
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  prefix.every((byte, index) => bytes[at + index] === byte)

export function imageKind(bytes: Uint8Array): BrandImageKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'webp'
  // SVG is text: an optional BOM, XML declaration, comments and doctype, then the <svg> root.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 2048))
  const prolog =
    /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i
  return prolog.test(head) ? 'svg' : null
}
