import { isRecord } from '../../contract/guards.ts'
import { absoluteFileUrl } from './file-url.ts'

/**
 * A `/messages` page (docs/dify-wire.md#messages) with every `message_files[].url` made absolute against
 * Dify's origin; a file whose URL is not http(s) then is left out.
 */
export function withAbsoluteFileUrls(page: unknown, difyOrigin: string): unknown {
  if (!isRecord(page) || !Array.isArray(page.data)) return page
  return {
    ...page,
    data: page.data.map((item) => {
      if (!isRecord(item) || !Array.isArray(item.message_files)) return item
      const files = item.message_files.flatMap((file) => {
        if (!isRecord(file)) return []
        const url = absoluteFileUrl(file.url, difyOrigin)
        return url ? [{ ...file, url }] : []
      })
      return { ...item, message_files: files }
    }),
  }
}
