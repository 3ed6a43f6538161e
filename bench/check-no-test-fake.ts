import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { XSS_PAYLOADS } from '../server/testing/xss-corpus.ts'
import { ROOT } from './lib/first-load.ts'

/**
 * The production build carries the demo bot only: no hostile test app and no XSS payload may
 * reach `dist/` (client or server). Run after `npm run build`.
 */
const FORBIDDEN = ['app-xss', ...XSS_PAYLOADS]

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

const dist = join(ROOT, 'dist')
const found = filesUnder(dist).flatMap((file) => {
  const text = readFileSync(file, 'latin1')
  return FORBIDDEN.filter((needle) => text.includes(needle)).map(
    (needle) => `${file.slice(ROOT.length + 1)}: ${JSON.stringify(needle.slice(0, 60))}`,
  )
})
if (found.length > 0) {
  console.error(`test-only code in dist/:\n${found.join('\n')}`)
  process.exit(1)
}
console.log(`dist/ holds no hostile app and none of ${XSS_PAYLOADS.length} XSS payloads`)
