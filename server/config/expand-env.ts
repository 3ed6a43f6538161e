import { ConfigError } from './config-error.ts'

/** `${NAME}` in a config string. */
export const ENV_VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/**
 * Replaces `${VAR}` in every string of a parsed JSON config with the environment's value, so keys
 * stay out of the file. A variable that is not set is an error naming the field that uses it.
 */
export function expandEnv(
  value: unknown,
  env: Record<string, string | undefined>,
  source: string,
  path = '',
): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_VARIABLE, (_match, name: string) => {
      const replacement = env[name]
      if (replacement === undefined) {
        throw new ConfigError(source, path, `environment variable ${name} is not set`)
      }
      return replacement
    })
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => expandEnv(item, env, source, `${path}[${index}]`))
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        expandEnv(item, env, source, path ? `${path}.${key}` : key),
      ]),
    )
  }
  return value
}
