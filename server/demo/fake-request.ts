import type { Context } from 'hono'

/** The JSON object body of a fake request, or null when it is missing or not an object. */
export async function readJson(c: Context): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = await c.req.json()
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

/** A multipart body as Flask sees it: its files by field name, and its `user` form field. */
export async function readUploadForm(
  c: Context,
): Promise<{ files: Array<[string, File]>; user: string } | null> {
  try {
    const form = await c.req.formData()
    const files: Array<[string, File]> = []
    for (const [name, value] of form.entries()) {
      if (typeof value !== 'string') files.push([name, value])
    }
    const user = form.get('user')
    return { files, user: typeof user === 'string' && user ? user : 'DEFAULT-USER' }
  } catch {
    return null
  }
}
