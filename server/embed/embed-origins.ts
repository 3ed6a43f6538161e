import type { EndpointConfig } from '../config/types.ts'

/**
 * Whether `origin` (as a browser sends it) is one of the endpoint's `embedOrigins`, with CSP's
 * meaning for a `*.` wildcard: any subdomain, same scheme and port, never the bare name.
 */
export function isEmbedOrigin(config: EndpointConfig, origin: string | undefined): boolean {
  if (!origin) return false
  const wanted = origin.toLowerCase()
  return config.embedOrigins.some((listed) => {
    if (!listed.includes('*.')) return listed === wanted
    const [scheme, rest] = listed.split('://*.') as [string, string]
    return wanted.startsWith(`${scheme}://`) && wanted.endsWith(`.${rest}`)
  })
}

/** The page's CSP `frame-ancestors`: its own `frameAncestors` plus every embed origin. */
export function frameAncestorsOf(config: EndpointConfig): readonly string[] {
  if (config.embedOrigins.length === 0) return config.frameAncestors
  const own = config.frameAncestors.filter((source) => source !== "'none'")
  return [...new Set([...own, ...config.embedOrigins])]
}
