import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CLIENT_DIR, weigh, type FileWeight } from './first-load.ts'

/** Issue 14: what a host page pays for the launcher. */
export const EMBED_BUDGET = {
  scriptGzip: 4 * 1024,
  /** The host's main thread, in tasks that run embed.js. */
  hostBlockedMs: 10,
  /** Click → composer focused, at 4× CPU throttling. */
  openPreloadedMs: 150,
  openColdMs: 1000,
}

/** The built `/embed.js`; throws when the build is missing. */
export function embedScript(): FileWeight & { code: string } {
  const path = join(CLIENT_DIR, 'static', 'embed.js')
  const bytes = readFileSync(path)
  return { ...weigh('static/embed.js', bytes), code: bytes.toString('utf8') }
}

/** Static `import … from` or `require(` in the bundle: a dependency it would fetch or need. */
export function embedDependencies(code: string): string[] {
  return [
    ...code.matchAll(/\bimport\s*[\w{*][^;]*?from\s*["']([^"']+)["']|\brequire\(["']([^"']+)/g),
  ].map((match) => match[1] ?? match[2] ?? '')
}
