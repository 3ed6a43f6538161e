import { describe, expect, it } from 'vitest'
import { createFakeFiles } from './fake-files.ts'

const bytes = new TextEncoder().encode('<svg/>')
const file = { mimeType: 'image/svg+xml', bytes, extension: 'svg' }

describe('createFakeFiles', () => {
  it('inline: data: URLs of the bytes', () => {
    expect(createFakeFiles('inline').urlFor('tool', 't1', file)).toBe(
      'data:image/svg+xml;base64,PHN2Zy8+',
    )
  })

  it('relative: signed paths as Dify without FILES_URL, served only with the signature', async () => {
    const files = createFakeFiles('relative')
    const url = files.urlFor('upload', 'u1', file)
    expect(url).toMatch(/^\/files\/u1\/file-preview\?timestamp=\d+&nonce=[\w-]+&sign=\w+$/)
    expect(files.urlFor('tool', 't1', file)).toMatch(/^\/files\/tools\/t1\.svg\?/)
    const served = files.serve(new URL(url, 'http://fake'))
    expect(served.headers.get('content-type')).toBe('image/svg+xml')
    expect(await served.text()).toBe('<svg/>')
    const forged = new URL(url.replace(/sign=\w+/, 'sign=forged'), 'http://fake')
    expect(files.serve(forged).status).toBe(403)
    expect(files.serve(new URL('/files/nope/file-preview', 'http://fake')).status).toBe(404)
  })
})
