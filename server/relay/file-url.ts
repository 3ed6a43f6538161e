/**
 * Dify's file URLs (`message_files[].url` in `/messages`, `url` of a `message_file` event) are
 * relative when Dify runs without `FILES_URL` (docs/dify-wire.md#files: absolute or relative depending on
 * `FILES_URL`), e.g. `/files/tools/x.png?timestamp=…&sign=…`; in the browser they would point at
 * chatskins. Resolved against Dify's origin instead; anything that is not then http(s) is null.
 */
export function absoluteFileUrl(url: unknown, difyOrigin: string): string | null {
  if (typeof url !== 'string' || url.trim() === '') return null
  let resolved: URL
  try {
    resolved = new URL(url.trim(), `${difyOrigin}/`)
  } catch {
    return null
  }
  return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : null
}
