import { ConfigError } from './config-error.ts'
import { expandEnv } from './expand-env.ts'
import type { Env } from './from-environment.ts'
import type { ChatskinsConfig } from './types.ts'
import { validateConfig } from './validate.ts'

/**
 * A config's JSON text, `${VAR}` expanded from `env` and validated; problems throw a ConfigError
 * naming `source` (a file path, or the variable that held the text) and the field.
 */
export function parseConfig(
  text: string,
  source: string,
  env: Env,
  themeIds: readonly string[],
): ChatskinsConfig {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(source, '', `invalid JSON (${(error as Error).message})`)
  }
  return validateConfig(expandEnv(parsed, env, source), {
    source,
    themeIds,
    ...(env.THEME ? { defaultTheme: env.THEME } : {}),
  })
}
