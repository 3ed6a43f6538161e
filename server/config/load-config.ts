import { readFileSync } from 'node:fs'
import { parseAllowedHosts } from './allowed-hosts.ts'
import { ConfigError } from './config-error.ts'
import { configFromEnvironment, type Env } from './from-environment.ts'
import { parseConfig } from './parse-config.ts'
import type { ChatskinsConfig } from './types.ts'

export interface LoadConfigOptions {
  env: Env
  argv: readonly string[]
  themeIds: readonly string[]
}

/**
 * Reads the config named by `--config` or `CHATSKINS_CONFIG`, else the environment quick start;
 * `ALLOWED_HOSTS`, when set, takes the place of the file's `allowedHosts`.
 */
export function loadConfig(options: LoadConfigOptions): ChatskinsConfig {
  const config = loadEndpoints(options)
  const allowedHosts = parseAllowedHosts(options.env.ALLOWED_HOSTS, 'environment', 'ALLOWED_HOSTS')
  return allowedHosts ? { ...config, allowedHosts } : config
}

function loadEndpoints({ env, argv, themeIds }: LoadConfigOptions): ChatskinsConfig {
  const path = configPathFromArgs(argv) ?? env.CHATSKINS_CONFIG
  if (!path) return configFromEnvironment(env, themeIds)

  return parseConfig(readConfigFile(path), path, env, themeIds)
}

/** The config file's text; a file that can't be read is a ConfigError naming it. */
export function readConfigFile(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new ConfigError(path, '', `cannot read the file (${(error as Error).message})`)
  }
}

/** `--config <file>` or `--config=<file>`; undefined when absent. */
export function configPathFromArgs(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--config')
  const path =
    index >= 0
      ? argv[index + 1]
      : argv.find((arg) => arg.startsWith('--config='))?.slice('--config='.length)
  if (path === '' || (index >= 0 && (path === undefined || path.startsWith('--')))) {
    throw new ConfigError('command line', '--config', 'needs a file path')
  }
  return path
}
