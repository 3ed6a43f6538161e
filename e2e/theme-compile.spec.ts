import { rmSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { startServer, type RunningServer } from '../server/node/start-server.ts'
import { appCopy } from './app-copy.ts'
import { chatPage } from './chat-page.ts'

/** A theme folder dropped into an installed copy: the server compiles its Tailwind at start. */

/** Only Tailwind: utilities through `@apply`, tokens set with arbitrary properties. */
const TAILWIND_ONLY_CSS = `:root[data-theme='mint'] {
  @apply [--cs-accent:var(--color-emerald-700)] [--cs-on-accent:var(--color-white)];
  @apply [--cs-bg:var(--color-emerald-50)] dark:[--cs-bg:var(--color-emerald-950)];
}
[data-theme='mint'] [data-part='bubble'][data-role='user'] {
  @apply bg-emerald-700 text-white rounded-none shadow-lg;
}
[data-theme='mint'] [data-part='header'] {
  @apply bg-accent text-on-accent sm:px-6;
}
`

const start = (root: string) =>
  startServer({
    root,
    env: { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'theme-compile-test-secret' },
    log: () => {},
  })

test.describe('a Tailwind pack dropped into an installed copy', () => {
  let root: string
  let server: RunningServer
  test.beforeAll(async () => {
    root = appCopy({ mint: TAILWIND_ONLY_CSS })
    server = await start(root)
  })
  test.afterAll(async () => {
    await server?.close(0)
    rmSync(root, { recursive: true, force: true })
  })

  test('is compiled at start, worn by its page and listed in the gallery', async ({ page }) => {
    await page.goto(`${server.url}/`)
    await expect(page.locator('.card a[href="/mint/"]')).toBeVisible()
    await page.locator('.card a[href="/mint/"]').click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'mint')
    const chat = chatPage(page)
    await chat.send('hello')
    await chat.waitForAnswer(1)
    const looks = await page.evaluate(() => {
      const emerald = document.createElement('i')
      emerald.style.backgroundColor = 'oklch(50.8% 0.118 165.612)'
      document.body.append(emerald)
      const bubble = getComputedStyle(document.querySelector('[data-part=bubble][data-role=user]')!)
      const header = getComputedStyle(document.querySelector('[data-part=header]')!)
      return {
        emerald: getComputedStyle(emerald).backgroundColor,
        bubble: bubble.backgroundColor,
        bubbleRadius: bubble.borderRadius,
        bubbleShadow: bubble.boxShadow,
        header: header.backgroundColor,
      }
    })
    expect(looks.bubble).toBe(looks.emerald)
    expect(looks.bubbleRadius).toBe('0px')
    expect(looks.bubbleShadow).not.toBe('none')
    // The header took the accent token the pack set through an arbitrary property.
    expect(looks.header).toBe(looks.emerald)
  })
})

test('a pack whose CSS does not compile stops the server with file, line and cause', async () => {
  const root = appCopy({ broken: '.x {\n  color: red;\n}\n.y {\n  @apply bg-not-a-colour;\n}\n' })
  try {
    await expect(start(root)).rejects.toThrow(
      'themes/broken/theme.css:5: Cannot apply unknown utility class `bg-not-a-colour`',
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})
