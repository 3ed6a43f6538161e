import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { validateConfig } from '../config/validate.ts'
import { loadThemes } from '../themes/load-themes.ts'
import { differingPixels, pngPixels } from '../testing/png-pixels.ts'
import { createCardFonts } from './card-fonts.ts'
import { shareCardSvg } from './share-card.ts'
import { createShareImages } from './share-images.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..')
const themesDir = join(ROOT, 'themes')
const themes = loadThemes(themesDir)
/** Where the card draws the bot name. */
const TITLE_BOX = { x: 60, y: 220, width: 560, height: 100 }

function imagesFor(botNames: string[]) {
  const config = validateConfig(
    {
      endpoints: botNames.map((botName, index) => ({
        id: `e${index}`,
        theme: 'kawaii',
        botName,
        dify: { demo: true },
      })),
    },
    { source: join(ROOT, 'chatskins.json'), themeIds: [...themes.keys()] },
  )
  return createShareImages({ config, themes, themesDir, brands: new Map() })
}

async function cardOf(images: ReturnType<typeof imagesFor>, id: string) {
  const path = images.endpoints.get(id)!.card.path
  return pngPixels(await images.png(id, path.slice(path.lastIndexOf('/') + 1))!)
}

describe('the link preview card', () => {
  it('draws a CJK bot name with the bundled Noto fonts', async () => {
    // Private-use characters are in no font: that card's title area is left empty.
    const images = imagesFor(['もちねこ 하나 客服', '\ue000\ue001\ue002'])
    const [named, empty] = await Promise.all([cardOf(images, 'e0'), cardOf(images, 'e1')])
    expect(differingPixels(named, empty, TITLE_BOX)).toBeGreaterThan(3000)
    // Everything but the title is the same card.
    const below = { x: 0, y: 330, width: 1200, height: 300 }
    expect(differingPixels(named, empty, below)).toBe(0)
  }, 30_000)

  it('holds no text, markup or link from the config: glyph outlines and data URLs only', () => {
    const hostile = `</svg><script>alert(1)</script><image href="https://evil.example/x.png"/>`
    const svg = shareCardSvg(
      {
        title: hostile,
        description: hostile,
        locale: 'en',
        colors: { background: '#ffffff', text: '#111111', muted: '#555555', accent: '#e11d48' },
        avatar: { bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png' },
        preview: { bytes: new Uint8Array([4, 5, 6]), contentType: 'image/svg+xml' },
      },
      createCardFonts(),
    )
    expect(svg).not.toContain('<text')
    expect(svg).not.toContain('<script')
    expect(svg).not.toContain('evil.example')
    expect(svg.match(/<svg/g)).toHaveLength(1)
    expect(svg.match(/<path /g)!.length).toBeGreaterThan(20)
  })

  it('gives a new URL when what the card shows changes, the same one otherwise', () => {
    const one = imagesFor(['Shop helper', 'Shop helper', 'Other helper']).endpoints
    expect(one.get('e0')!.card.path.replace('/e0/', '/')).toBe(
      one.get('e1')!.card.path.replace('/e1/', '/'),
    )
    expect(one.get('e2')!.card.path.replace('/e2/', '/')).not.toBe(
      one.get('e0')!.card.path.replace('/e0/', '/'),
    )
  })
})
