import { validateConfig } from './validate.ts'
import type { ChatskinsConfig } from './types.ts'

export type Env = Record<string, string | undefined>

interface DemoEndpoint {
  id: string
  theme: string | undefined
  botName: string
  app?: 'completion' | 'workflow'
}

/** The demo's text generator and workflow: the second and third theme, or the first if fewer. */
const DEMO_GENERATORS = [
  { id: 'demo-writer', botName: 'Chatskins Writer', app: 'completion', themeAt: 1 },
  { id: 'demo-workflow', botName: 'Chatskins Workflow', app: 'workflow', themeAt: 2 },
] as const

const ENVIRONMENT_NAMES: Record<string, string> = {
  theme: 'THEME',
  botName: 'BOT_NAME',
  locale: 'LOCALE',
  'dify.apiBase': 'DIFY_API_BASE',
  'dify.apiKey': 'DIFY_API_KEY',
  'openai.keys': 'OPENAI_KEYS',
  'redis.url': 'REDIS_URL',
}

function describeField(path: string): string {
  const field = path
    .replace(/^endpoints\[\d+\]\.?/, '')
    .replace(/^openai\.keys\[\d+\]$/, 'openai.keys')
  return ENVIRONMENT_NAMES[field] ?? path
}

/**
 * The environment quick start: with `DIFY_API_KEY`, one endpoint `chat`; without it, the demo:
 * one chat per theme, named after the theme, then a text generator and a workflow (each in
 * another theme), all answered by the built-in demo bot. `OPENAI_KEYS` (comma-separated) turns on
 * the `chat` endpoint's OpenAI API (server/openai/).
 */
export function configFromEnvironment(rawEnv: Env, themeIds: readonly string[]): ChatskinsConfig {
  const source = 'environment'
  // An empty variable counts as unset, like most shells' ${VAR:-default}.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== ''))
  if (!env.DIFY_API_KEY) {
    return validateConfig(
      {
        endpoints: [
          ...themeIds.map((theme) => ({ id: theme, theme, botName: 'Chatskins Demo' })),
          ...DEMO_GENERATORS.map((demo) => ({ ...demo, theme: themeIds[demo.themeAt] })),
        ].map(({ id, theme, botName, app }: DemoEndpoint) => ({
          id,
          theme: theme ?? themeIds[0],
          botName: env.BOT_NAME ?? botName,
          ...(app ? { app } : {}),
          ...(env.LOCALE ? { locale: env.LOCALE } : {}),
          dify: { demo: true },
        })),
        ...redisOf(env),
      },
      { source, themeIds, describeField },
    )
  }
  return validateConfig(
    {
      endpoints: [
        {
          id: 'chat',
          theme: env.THEME ?? 'minimal',
          botName: env.BOT_NAME ?? 'Assistant',
          ...(env.LOCALE ? { locale: env.LOCALE } : {}),
          dify: {
            apiBase: env.DIFY_API_BASE ?? 'https://api.dify.ai/v1',
            apiKey: env.DIFY_API_KEY,
          },
          ...(env.OPENAI_KEYS
            ? { openai: { keys: env.OPENAI_KEYS.split(',').map((key) => key.trim()) } }
            : {}),
        },
      ],
      ...redisOf(env),
    },
    { source, themeIds, describeField },
  )
}

function redisOf(env: Env) {
  return env.REDIS_URL ? { redis: { url: env.REDIS_URL } } : {}
}
