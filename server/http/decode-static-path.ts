import { HttpError } from '../errors.ts'

/**
 * A static request's path (without the leading `/`), decoded exactly once, from the raw URL so
 * nothing upstream has decoded it before. Each segment is decoded on its own: an escape that
 * decodes to `/`, `\` or NUL would smuggle a separator past the checks on the normalised name, so
 * it is refused (404, as for any file that isn't there); a malformed escape is a 400.
 */
export function decodeStaticPath(url: string): string {
  const rawPath = new URL(url).pathname.slice(1)
  return rawPath
    .split('/')
    .map((segment) => {
      let decoded: string
      try {
        decoded = decodeURIComponent(segment)
      } catch {
        throw new HttpError(400, 'invalid_path', 'The path holds a malformed %-escape.')
      }
      if (/[/\\\0]/.test(decoded)) throw new HttpError(404, 'not_found', 'No such file.')
      return decoded
    })
    .join('/')
}
