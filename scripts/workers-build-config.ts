// The config the Worker will run, read at build time as Node reads it, for what the build draws
// and writes from it (share images, brand files).
import { ENV_VARIABLE } from '../server/config/expand-env.ts'
import { configFromEnvironment } from '../server/config/from-environment.ts'
import { readConfigFile } from '../server/config/load-config.ts'
import { parseConfig } from '../server/config/parse-config.ts'
import type { ChatskinsConfig } from '../server/config/types.ts'

export interface WorkersBuildConfigOptions {
  /** `--config <file>`, or undefined for the environment quick start (BOT_NAME, THEME, LOCALE). */
  configPath: string | undefined
  env: Record<string, string | undefined>
  themeIds: readonly string[]
}

/**
 * Secrets are not at hand when building, and only the look matters here, so a `${VAR}` that is
 * not set stands for a placeholder.
 */
export function workersBuildConfig({
  configPath,
  env,
  themeIds,
}: WorkersBuildConfigOptions): ChatskinsConfig {
  if (!configPath) return configFromEnvironment(env, [...themeIds])
  const text = readConfigFile(configPath)
  const placeholders = Object.fromEntries(
    [...text.matchAll(ENV_VARIABLE)].map(([, name]) => [name!, 'https://unset.invalid']),
  )
  return parseConfig(text, configPath, { ...placeholders, ...env }, [...themeIds])
}
