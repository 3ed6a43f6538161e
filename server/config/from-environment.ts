import { validateConfig } from './validate.ts'
import type { ChatskinsConfig } from './types.ts'

export type Env = Record<string, string | undefined>

const ENVIRONMENT_NAMES: Record<string, string> = {
  theme: 'THEME',
  botName: 'BOT_NAME',
  locale: 'LOCALE',
  'dify.apiBase': 'DIFY_API_BASE',
  'dify.apiKey': 'DIFY_API_KEY',
  'openai.keys': 'OPENAI_KEYS',
}

function describeField(path: string): string {
  const field = path
    .replace(/^endpoints\[\d+\]\.?/, '')
    .replace(/^openai\.keys\[\d+\]$/, 'openai.keys')
  return ENVIRONMENT_NAMES[field] ?? path
}

/** The demo's text generators beside its chats: one completion and one workflow app. */
const DEMO_GENERATORS = [
  { id: 'writer', theme: 'western', app: 'completion', botName: 'Demo Writer' },
  { id: 'workflow', theme: 'korean', app: 'workflow', botName: 'Demo Workflow' },
] as const

/**
 * The environment quick start: with `DIFY_API_KEY`, one endpoint `chat`; without it, the demo:
 * one endpoint per theme, named after the theme, answered by the built-in demo bot, plus a
 * completion app (`writer`) and a workflow app (`workflow`) in two of the themes. `OPENAI_KEYS`
 * (comma-separated) turns on the `chat` endpoint's OpenAI API (server/openai/).
 */
export function configFromEnvironment(rawEnv: Env, themeIds: readonly string[]): ChatskinsConfig {
  const source = 'environment'
  // An empty variable counts as unset, like most shells' ${VAR:-default}.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== ''))
  if (!env.DIFY_API_KEY) {
    return validateConfig(
      {
        endpoints: [
          ...themeIds.map((theme) => ({
            id: theme,
            theme,
            botName: env.BOT_NAME ?? 'Chatskins Demo',
            ...(env.LOCALE ? { locale: env.LOCALE } : {}),
            dify: { demo: true },
          })),
          ...DEMO_GENERATORS.filter(({ theme }) => themeIds.includes(theme)).map((generator) => ({
            ...generator,
            ...(env.LOCALE ? { locale: env.LOCALE } : {}),
            dify: { demo: true },
          })),
        ],
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
    },
    { source, themeIds, describeField },
  )
}
