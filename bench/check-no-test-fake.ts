import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { XSS_PAYLOADS } from '../server/testing/xss-corpus.ts'
import { ROOT } from './lib/first-load.ts'

/**
 * The production build carries the demo bot only: no hostile test app, no XSS payload and no
 * fault directive may reach `dist/` (client or server). Run after `npm run build`.
 */
const FAULT_PARSER = 'server/testing/fault-directives.ts'
/** Fault directive names as the parser spells them, in either quote a bundler may write. */
const FAULT_NAMES = [
  'ping-first',
  'error-event',
  'first-byte',
  'bad-utf8',
  'dify-error',
  'end-first',
]
/** Text only the faults' behaviour writes (server/testing/test-faults.ts, dify-error-catalogue.ts). */
const FAULT_TEXTS = ['organization org-demo', 'retry: 1000', '<center>nginx</center>']

const parser = readFileSync(join(ROOT, FAULT_PARSER), 'utf8')
const renamed = FAULT_NAMES.filter((name) => !parser.includes(`'${name}'`))
if (renamed.length > 0) {
  console.error(`${FAULT_PARSER} no longer reads ${renamed.join(', ')}: update this check`)
  process.exit(1)
}

const FORBIDDEN = [
  'app-xss',
  ...XSS_PAYLOADS,
  ...FAULT_NAMES.flatMap((name) => [`'${name}'`, `"${name}"`]),
  ...FAULT_TEXTS,
]

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
console.log(
  `dist/ holds no hostile app, none of ${XSS_PAYLOADS.length} XSS payloads ` +
    `and no fault directive (${FAULT_NAMES.length} names, ${FAULT_TEXTS.length} texts)`,
)
