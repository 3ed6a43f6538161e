import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { startServer } from '../node/start-server.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'chatskins-brand-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

copyFileSync(join(ROOT, 'e2e/brand/avatar.png'), join(dir, 'avatar.png'))
// 3 MB that starts like a PNG: refused by size before anything else.
writeFileSync(
  join(dir, 'huge.png'),
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(3 * 1024 * 1024),
  ]),
)
writeFileSync(join(dir, 'script.png'), '<script>alert(1)</script>')
writeFileSync(join(dir, 'page.svg'), '<html><body><svg></svg></body></html>')

function writeConfig(brand: unknown): string {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(
    path,
    JSON.stringify({ endpoints: [{ id: 'shop', theme: 'minimal', dify: { demo: true }, brand }] }),
  )
  return path
}

function start(brand: unknown) {
  return startServer({
    root: ROOT,
    env: { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'brand-config-test-secret' },
    argv: ['--config', writeConfig(brand)],
    pageTemplate: '<!doctype html><html><head><!--chatskins:head--></head><body></body></html>',
    log: () => {},
  })
}

describe('a bad brand stops the server, naming the field', () => {
  it('a missing file', async () => {
    await expect(start({ avatar: 'brand/nowhere.png' })).rejects.toThrow(
      /endpoints\[0\]\.brand\.avatar: cannot read "brand\/nowhere\.png" \(ENOENT\)/,
    )
  })

  it('a 3 MB image', async () => {
    await expect(start({ logo: 'huge.png' })).rejects.toThrow(
      /endpoints\[0\]\.brand\.logo: "huge\.png" is 3072 KB; the limit is 512 KB/,
    )
  })

  it('a file that is not an image, whatever its name says', async () => {
    await expect(start({ favicon: 'script.png' })).rejects.toThrow(
      /endpoints\[0\]\.brand\.favicon: "script\.png" is not a PNG, JPEG, WebP or SVG image/,
    )
    await expect(start({ logo: 'page.svg' })).rejects.toThrow(/brand\.logo: .* is not a PNG/)
  })

  it('a path that leaves the config folder', async () => {
    await expect(start({ avatar: '../etc/passwd' })).rejects.toThrow(
      /brand\.avatar: "\.\.\/etc\/passwd" must be a file beside the config file/,
    )
  })

  it('a colour that is not one: the real process exits 1 with the field named', () => {
    const run = spawnSync(
      join(ROOT, 'node_modules/.bin/tsx'),
      [
        'server/node.ts',
        '--config',
        writeConfig({ accent: 'rebeccapurple', avatar: 'avatar.png' }),
      ],
      { cwd: ROOT, env: { ...process.env, PORT: '0' }, encoding: 'utf8', timeout: 60_000 },
    )
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      'endpoints[0].brand.accent: must be a colour as #rrggbb or #rgb, not "rebeccapurple"',
    )
  })

  it('a good brand starts and serves its files hashed', async () => {
    const server = await start({ accent: '#E11D48', avatar: 'avatar.png' })
    try {
      const page = await (await fetch(`${server.url}/shop/`)).text()
      const stylesheet = /href="(\/brand\/shop\/brand\.css\?v=[0-9a-f]{12})"/.exec(page)![1]!
      const css = await (await fetch(server.url + stylesheet)).text()
      const avatarUrl = /url\('(\/brand\/shop\/avatar-[0-9a-f]{12}\.png)'\)/.exec(css)![1]!
      const avatar = await fetch(server.url + avatarUrl)
      expect(avatar.headers.get('content-type')).toBe('image/png')
      expect(avatar.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      expect(css).toMatch(/--cs-accent: light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\);/)
    } finally {
      await server.close(0)
    }
  })
})
