import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from './load-config.ts'
import { DEFAULT_FRAME_ANCESTORS, DEFAULT_RATE_LIMIT } from './validate-security.ts'

const THEMES = ['minimal', 'kawaii']
const dir = mkdtempSync(join(tmpdir(), 'chatskins-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let files = 0
/** Writes `content` (an object as JSON, or raw text) to a fresh file and returns its path. */
function configFile(content: unknown): string {
  const path = join(dir, `config-${++files}.json`)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

const pinkConfig = {
  endpoints: [
    {
      id: 'pink',
      theme: 'kawaii',
      botName: 'Candy',
      dify: { apiBase: 'https://api.dify.ai/v1', apiKey: '${DIFY_KEY_PINK}' },
    },
  ],
}

describe('loadConfig', () => {
  it('reads the file named by CHATSKINS_CONFIG, expanding ${VAR} from the environment', () => {
    const path = configFile(pinkConfig)
    const config = loadConfig({
      env: { CHATSKINS_CONFIG: path, DIFY_KEY_PINK: 'app-pink' },
      argv: [],
      themeIds: THEMES,
    })
    expect(config.source).toBe(path)
    expect(config.demo).toBe(false)
    expect(config.endpoints).toEqual([
      {
        id: 'pink',
        theme: 'kawaii',
        botName: 'Candy',
        locale: undefined,
        scheme: 'auto',
        dify: { kind: 'remote', apiBase: 'https://api.dify.ai/v1', apiKey: 'app-pink' },
        frameAncestors: DEFAULT_FRAME_ANCESTORS,
        embedOrigins: [],
        rateLimit: DEFAULT_RATE_LIMIT,
      },
    ])
  })

  it('prefers --config over CHATSKINS_CONFIG, in both spellings', () => {
    const chosen = configFile({ endpoints: [{ id: 'chosen', dify: { demo: true } }] })
    const ignored = configFile({ endpoints: [{ id: 'ignored', dify: { demo: true } }] })
    for (const argv of [['--config', chosen], [`--config=${chosen}`]]) {
      const config = loadConfig({ env: { CHATSKINS_CONFIG: ignored }, argv, themeIds: THEMES })
      expect(config.endpoints.map((e) => e.id)).toEqual(['chosen'])
    }
  })

  it('falls back to the environment quick start without a config file', () => {
    const config = loadConfig({ env: { DIFY_API_KEY: 'app-x' }, argv: [], themeIds: THEMES })
    expect(config.source).toBe('environment')
    expect(config.endpoints.map((e) => e.id)).toEqual(['chat'])
  })

  it('uses THEME as the default theme of file endpoints that name none', () => {
    const path = configFile({ endpoints: [{ id: 'a', dify: { demo: true } }] })
    const config = loadConfig({
      env: { THEME: 'kawaii' },
      argv: ['--config', path],
      themeIds: THEMES,
    })
    expect(config.endpoints[0]?.theme).toBe('kawaii')
  })

  it('names the file and the field when a variable is not set', () => {
    const path = configFile(pinkConfig)
    expect(() => loadConfig({ env: {}, argv: ['--config', path], themeIds: THEMES })).toThrow(
      `${path}: endpoints[0].dify.apiKey: environment variable DIFY_KEY_PINK is not set`,
    )
  })

  it('names the file when it cannot be read', () => {
    const path = join(dir, 'missing.json')
    expect(() => loadConfig({ env: {}, argv: ['--config', path], themeIds: THEMES })).toThrow(
      new RegExp(`^${escapeRegExp(path)}: cannot read the file \\(.*ENOENT`),
    )
  })

  it('names the file when it is not JSON', () => {
    const path = configFile('{ "endpoints": [ ')
    expect(() => loadConfig({ env: {}, argv: ['--config', path], themeIds: THEMES })).toThrow(
      new RegExp(`^${escapeRegExp(path)}: invalid JSON \\(`),
    )
  })

  it('names the file and field for validation errors', () => {
    const path = configFile({ endpoints: [{ id: 'a', theme: 'neon', dify: { demo: true } }] })
    expect(() => loadConfig({ env: {}, argv: ['--config', path], themeIds: THEMES })).toThrow(
      `${path}: endpoints[0].theme: unknown theme "neon" (available: minimal, kawaii)`,
    )
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
