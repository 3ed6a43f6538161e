import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { validateConfig } from '../config/validate.ts'
import { startServer } from '../node/start-server.ts'

const THEMES = fileURLToPath(new URL('../../themes', import.meta.url))
const TEMPLATE = '<!doctype html><html><head><!--chatskins:head--></head><body></body></html>'

/** `npm run dev` in a copy of the app: an edited pack is compiled again and served on reload. */
describe('a theme pack edited under the dev server', () => {
  const root = mkdtempSync(join(tmpdir(), 'chatskins-hot-'))
  cpSync(join(THEMES, 'minimal'), join(root, 'themes', 'minimal'), { recursive: true })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('serves the newly compiled CSS, and the page asks for it past any cached copy', async () => {
    const config = validateConfig(
      { endpoints: [{ id: 'hot', botName: 'Hot', theme: 'minimal', dify: { demo: true } }] },
      { source: 'test', themeIds: ['minimal'] },
    )
    const server = await startServer({
      root,
      env: { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'hot-reload-test-secret-1234' },
      config,
      pageTemplate: TEMPLATE,
      dev: true,
      log: () => {},
    })
    try {
      const stylesheet = async () => {
        const page = await (await fetch(`${server.url}/hot/`)).text()
        const href = /href="([^"]*theme\.css[^"]*)"/.exec(page)?.[1]
        expect(href).toBeDefined()
        const answer = await fetch(new URL(href!, server.url))
        return { href, cacheControl: answer.headers.get('cache-control'), css: await answer.text() }
      }
      const before = await stylesheet()
      expect(before.css).not.toContain('hot-reload-marker')

      const file = join(root, 'themes', 'minimal', 'theme.css')
      writeFileSync(
        file,
        `${readFileSync(file, 'utf8')}\n[data-part='hot-reload-marker'] {\n  @apply text-pink-500;\n}\n`,
      )
      const after = await stylesheet()
      expect(after.css).toContain('hot-reload-marker')
      expect(after.css).toContain('color: var(--color-pink-500)')
      // A reload must not be answered from the browser's cache of the old CSS.
      expect(
        after.href !== before.href || !/immutable|max-age=[1-9]/.test(after.cacheControl ?? ''),
      ).toBe(true)
    } finally {
      await server.close(0)
    }
  })
})
