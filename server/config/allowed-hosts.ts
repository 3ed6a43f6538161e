import { ConfigError } from './config-error.ts'

const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?$/
const IPV6 = /^[0-9a-f:.]+$/

/**
 * `allowedHosts` (config file) or `ALLOWED_HOSTS` (comma-separated): the host names visitors use,
 * lower-cased, without port or IPv6 brackets. Undefined when unset: every Host is served.
 */
export function parseAllowedHosts(
  raw: unknown,
  source: string,
  field: string,
): string[] | undefined {
  if (raw === undefined || raw === '') return undefined
  const items = typeof raw === 'string' ? raw.split(',') : raw
  if (!Array.isArray(items)) {
    throw new ConfigError(source, field, 'must be host names, e.g. "chat.example.com,127.0.0.1"')
  }
  const hosts = items.map((item: unknown) => {
    const host =
      typeof item === 'string'
        ? item
            .trim()
            .toLowerCase()
            .replace(/^\[(.*)\]$/, '$1')
        : ''
    if (!HOST_NAME.test(host) && !(host.includes(':') && IPV6.test(host))) {
      throw new ConfigError(
        source,
        field,
        `${JSON.stringify(item)} is not a host name (no scheme, port or path)`,
      )
    }
    return host.replace(/\.$/, '')
  })
  if (hosts.length === 0) throw new ConfigError(source, field, 'lists no host')
  return [...new Set(hosts)]
}
