import { describe, expect, it } from 'vitest'
import { withEmbedPreloads, LAZY_CHUNKS_SLOT, type LazyChunks } from './embed-preloads.ts'

const chunks: LazyChunks = {
  locales: {
    en: ['/assets/en-1.js'],
    ja: ['/assets/ja-1.js'],
    'zh-Hant': ['/assets/zh-Hant-1.js'],
  },
  embed: ['/assets/host-bridge-1.js', '/assets/tell-host-1.js'],
}
const entry = '<script type="module" src="/assets/index-1.js"></script>'
const template = `<head>\n${entry}\n${LAZY_CHUNKS_SLOT} ${JSON.stringify(chunks)} -->\n</head>`
const embedPreloads = (...args: Parameters<typeof withEmbedPreloads>) =>
  [...withEmbedPreloads(...args).matchAll(/<link[^>]*>/g)].map(([link]) => link)
const hrefs = (links: string[]) => links.map((link) => /href="([^"]+)"/.exec(link)?.[1])

describe('embedPreloads', () => {
  it('preloads the embed chunks and the dictionary the visitor’s languages pick', () => {
    const links = embedPreloads(template, {
      configured: 'en',
      acceptLanguage: 'de-DE,zh-TW;q=0.9,en;q=0.8',
    })
    expect(hrefs(links)).toEqual([
      '/assets/zh-Hant-1.js',
      '/assets/host-bridge-1.js',
      '/assets/tell-host-1.js',
    ])
    expect(links[0]).toBe('<link rel="modulepreload" crossorigin href="/assets/zh-Hant-1.js">')
  })

  it('takes the host page’s data-locale over the languages, and the endpoint’s when none fits', () => {
    const pinned = embedPreloads(template, { pinned: 'ja', configured: 'en', acceptLanguage: 'en' })
    expect(hrefs(pinned)[0]).toBe('/assets/ja-1.js')
    const configured = embedPreloads(template, { configured: 'ja', acceptLanguage: 'fr-FR' })
    expect(hrefs(configured)[0]).toBe('/assets/ja-1.js')
    expect(hrefs(embedPreloads(template, { configured: 'ja' }))[0]).toBe('/assets/ja-1.js')
  })

  it('puts the links where the hints were, after the entry', () => {
    const html = withEmbedPreloads(template, { configured: 'en' })
    expect(html).not.toContain(LAZY_CHUNKS_SLOT)
    expect(html.indexOf('/assets/en-1.js')).toBeGreaterThan(html.indexOf(entry))
    expect(html).toMatch(/-1\.js">\n<\/head>$/)
  })

  it('leaves a template without hints as it is (npm run dev)', () => {
    expect(withEmbedPreloads('<head></head>', { configured: 'en' })).toBe('<head></head>')
  })
})
