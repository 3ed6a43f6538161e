import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { compileThemeCss, createThemeCssCache } from './compile-theme-css.ts'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})
const tempDir = () => (dir = mkdtempSync(join(tmpdir(), 'chatskins-theme-css-')))
const options = () => ({ packDir: tempDir(), displayPath: 'themes/pink/theme.css' })

describe('compileThemeCss', () => {
  it('expands @apply with the default palette, the tokens and the variants', async () => {
    const css = await compileThemeCss(
      [
        "[data-part='bubble'] {",
        '  @apply bg-pink-500 text-on-bubble-user rounded-bubble p-4 sm:p-6;',
        '  @apply dark:bg-pink-900 motion-safe:transition data-[role=user]:shadow-bubble;',
        '}',
      ].join('\n'),
      options(),
    )
    expect(css).toContain('--color-pink-500: oklch(')
    expect(css).toContain('background-color: var(--color-pink-500)')
    // Tokens stay variables, so a pack's or a subtree's `--cs-*` override reaches them.
    expect(css).toContain('color: var(--cs-on-user-bubble)')
    expect(css).toContain('border-radius: var(--cs-radius-bubble)')
    expect(css).toContain('@media (width >= 40rem)')
    expect(css).toContain("data-scheme='dark'")
    expect(css).toContain('prefers-reduced-motion: no-preference')
    expect(css).toContain('&[data-role="user"]')
    expect(css).not.toContain('@apply')
  })

  it('keeps plain CSS, relative urls and light-dark() as written', async () => {
    const plain =
      ":root[data-theme='pink'] {\n  --cs-accent: light-dark(#c06, #f9c);\n}\n" +
      "[data-part='avatar'] {\n  background-image: url(cat.svg);\n}\n"
    const css = await compileThemeCss(plain, options())
    expect(css).toContain('--cs-accent: light-dark(#c06, #f9c);')
    expect(css).toContain('background-image: url(cat.svg);')
  })

  it('takes @theme overrides and @utility', async () => {
    const css = await compileThemeCss(
      '@theme { --color-candy: #f0a; }\n@utility puffy { border-radius: 2rem; }\n' +
        '.x { @apply bg-candy puffy; }',
      options(),
    )
    expect(css).toContain('--color-candy: #f0a')
    expect(css).toContain('background-color: var(--color-candy)')
    expect(css).toContain('border-radius: 2rem')
  })

  it("names the file, the line and Tailwind's error when a pack doesn't compile", async () => {
    await expect(
      compileThemeCss('.a {\n  color: red;\n  @apply bg-nope;\n}\n', options()),
    ).rejects.toThrow(
      'themes/pink/theme.css:3: Cannot apply unknown utility class `bg-nope` (Tailwind CSS)',
    )
    await expect(compileThemeCss('.a {\n  color: red;\n', options())).rejects.toThrow(
      /^themes\/pink\/theme\.css:1:\d+: Missing closing \}/,
    )
  })
})

describe('createThemeCssCache', () => {
  it('compiles a source once, and again when it changes', async () => {
    const cacheDir = tempDir()
    const pack = { packDir: cacheDir, displayPath: 'themes/pink/theme.css' }
    const cache = createThemeCssCache({ cacheDir })
    const first = await cache.compile('.a { @apply p-4; }', pack)
    expect(readdirSync(cacheDir)).toHaveLength(1)
    const [file] = readdirSync(cacheDir)
    // A second server reads the stored result back: prove it by tampering with it.
    writeFileSync(join(cacheDir, file!), '/* from the cache */')
    const again = createThemeCssCache({ cacheDir })
    expect(await again.compile('.a { @apply p-4; }', pack)).toBe('/* from the cache */')
    expect(first).toContain('padding: calc(var(--spacing) * 4)')
    const changed = await again.compile('.a { @apply p-2; }', pack)
    expect(changed).toContain('padding: calc(var(--spacing) * 2)')
    expect(readdirSync(cacheDir)).toHaveLength(2)
  })

  it('compiles again when a file the pack imports changes, not only its theme.css', async () => {
    const packDir = tempDir()
    const cache = createThemeCssCache({ cacheDir: join(packDir, 'cache') })
    const pack = { packDir, displayPath: 'themes/pink/theme.css' }
    const source = ".a { color: red; }\n@import './generator.css';"
    writeFileSync(join(packDir, 'generator.css'), '.g { @apply p-4; }')
    expect(await cache.compile(source, pack)).toContain('padding: calc(var(--spacing) * 4)')
    writeFileSync(join(packDir, 'generator.css'), '.g { @apply p-2; }')
    expect(await cache.compile(source, pack)).toContain('padding: calc(var(--spacing) * 2)')
  })

  it('stores nothing for a pack that fails', async () => {
    const cacheDir = tempDir()
    const cache = createThemeCssCache({ cacheDir })
    await expect(
      cache.compile('.a { @apply nope; }', { packDir: cacheDir, displayPath: 'x.css' }),
    ).rejects.toThrow('x.css:1: Cannot apply unknown utility class `nope`')
    expect(readdirSync(cacheDir)).toEqual([])
  })
})
