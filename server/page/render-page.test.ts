import { describe, expect, it } from 'vitest'
import type { AppKind } from '../../contract/app-kind.ts'
import type { BootData } from '../../contract/dify-wire.ts'
import { DEFAULT_FRAME_ANCESTORS, DEFAULT_RATE_LIMIT } from '../config/validate-security.ts'
import type { EndpointConfig } from '../config/types.ts'
import type { ThemePack } from '../themes/manifest.ts'
import { renderPage } from './render-page.ts'

const TEMPLATE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <!--chatskins:head-->
  </head>
  <body>
    <div id="app"></div>
    <!--chatskins:boot-->
    <script type="module" src="/assets/main.js"></script>
  </body>
</html>`

const pack: ThemePack = {
  manifest: {
    id: 'kawaii',
    name: 'Kawaii',
    description: 'Pastel bubbles',
    preview: 'preview.png',
    favicon: 'favicon.svg',
    defaultLocale: 'ja',
    schemes: ['light', 'dark'],
    layout: { avatars: true, timestamps: false, bubbleTails: true, headerAvatar: false },
    brandable: [],
  },
  version: '0123456789ab',
}

function endpoint(overrides: Partial<EndpointConfig> = {}): EndpointConfig {
  return {
    id: 'pink',
    theme: 'kawaii',
    botName: 'Candy',
    locale: undefined,
    scheme: 'auto',
    dify: { kind: 'demo' },
    frameAncestors: DEFAULT_FRAME_ANCESTORS,
    embedOrigins: [],
    rateLimit: DEFAULT_RATE_LIMIT,
    ...overrides,
  }
}

/** The boot element's text as a browser reads it: up to the first `</script`. */
function bootText(html: string): string {
  const open = '<script type="application/json" id="chatskins-boot">'
  const start = html.indexOf(open)
  expect(start).toBeGreaterThan(-1)
  const from = start + open.length
  return html.slice(from, html.toLowerCase().indexOf('</script', from))
}

function titleOf(html: string): string {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? 'no title'
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

describe('renderPage', () => {
  it('puts locale, theme and scheme on <html>', () => {
    const html = renderPage(TEMPLATE, endpoint({ locale: 'ko', scheme: 'dark' }), pack)
    expect(html).toContain('<html lang="ko" data-theme="kawaii" data-scheme="dark">')
    expect(html.match(/<html/g)).toHaveLength(1)
  })

  it("uses the theme's locale when the endpoint sets none, and no scheme for auto", () => {
    const html = renderPage(TEMPLATE, endpoint(), pack)
    expect(html).toContain('<html lang="ja" data-theme="kawaii">')
    expect(html).not.toContain('data-scheme')
  })

  it('links the theme CSS and favicon with the pack version for cache busting', () => {
    const html = renderPage(TEMPLATE, endpoint(), pack)
    expect(html).toContain('<link rel="stylesheet" href="/themes/kawaii/theme.css?v=0123456789ab">')
    expect(html).toContain('<link rel="icon" href="/themes/kawaii/favicon.svg?v=0123456789ab">')
    expect(html).not.toContain('<!--chatskins:')
  })

  it('carries the boot data as JSON', () => {
    const html = renderPage(TEMPLATE, endpoint({ locale: 'en' }), pack)
    expect(JSON.parse(bootText(html))).toEqual({
      endpointId: 'pink',
      botName: 'Candy',
      locale: 'en',
      theme: 'kawaii',
      layout: { avatars: true, timestamps: false, bubbleTails: true, headerAvatar: false },
      app: 'chat',
    })
    const workflow = renderPage(TEMPLATE, endpoint({ locale: 'en' }), pack, 'workflow')
    expect(JSON.parse(bootText(workflow)).app).toBe('workflow')
  })

  it("gives a text generator's page its batch concurrency, and a chat page none", () => {
    const boot = (config: EndpointConfig, app: AppKind) =>
      JSON.parse(bootText(renderPage(TEMPLATE, config, pack, app))) as BootData
    expect(boot(endpoint(), 'completion').batchConcurrency).toBe(3)
    expect(boot(endpoint({ batchConcurrency: 2 }), 'workflow').batchConcurrency).toBe(2)
    const oneSlot = endpoint({ rateLimit: { ...DEFAULT_RATE_LIMIT, streamsPerVisitor: 1 } })
    expect(boot(oneSlot, 'completion').batchConcurrency).toBe(1)
    expect(boot(endpoint({ batchConcurrency: 2 }), 'chat')).not.toHaveProperty('batchConcurrency')
  })

  const hostileNames = [
    '</script><script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '<!--',
    '<!-- <script>',
    "Candy's </SCRIPT > & co",
    '🍬 Candy 🍭',
    '캔디 봇',
    'キャンディ',
    'line\u2028break\u2029here',
    "$& $' $` $1",
  ]

  it.each(hostileNames)('shows the bot name %j as text, never markup', (botName) => {
    const html = renderPage(TEMPLATE, endpoint({ botName }), pack)

    // The title is escaped and reads back as the exact name.
    expect(decodeEntities(titleOf(html))).toBe(botName)
    // The boot JSON ends where the browser ends it and parses back to the exact name.
    const boot = bootText(html)
    expect(boot).not.toMatch(/[<>]/)
    expect((JSON.parse(boot) as { botName: string }).botName).toBe(botName)
    // Nothing the name carried became an element or a comment: only the template's own tags.
    expect(html.match(/<script/gi)).toHaveLength(2)
    expect(html.match(/<\/script/gi)).toHaveLength(2)
    expect(html).not.toMatch(/<img|<!--/i)
  })
})
