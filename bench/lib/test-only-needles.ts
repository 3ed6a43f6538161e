import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { XSS_PAYLOADS } from '../../server/testing/xss-corpus.ts'
import { ROOT } from './first-load.ts'

const FAULT_PARSER = 'server/testing/fault-directives.ts'
/** Fault directive names as the parser spells them; a bundle may write them in either quote. */
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

/**
 * Strings only the test fake holds: a hostile app key, the XSS payloads and the fault directives.
 * Throws when the fault parser no longer spells a name, so the check can't pass by going stale.
 */
export function testOnlyNeedles(): string[] {
  const parser = readFileSync(join(ROOT, FAULT_PARSER), 'utf8')
  const renamed = FAULT_NAMES.filter((name) => !parser.includes(`'${name}'`))
  if (renamed.length > 0) {
    throw new Error(`${FAULT_PARSER} no longer reads ${renamed.join(', ')}: update this list`)
  }
  return [
    'app-xss',
    ...XSS_PAYLOADS,
    ...FAULT_NAMES.flatMap((name) => [`'${name}'`, `"${name}"`]),
    ...FAULT_TEXTS,
  ]
}

export const TEST_ONLY_SUMMARY =
  `no hostile app, none of ${XSS_PAYLOADS.length} XSS payloads and no fault directive ` +
  `(${FAULT_NAMES.length} names, ${FAULT_TEXTS.length} texts)`

/** The needles found in a bundle's text, each shortened for a readable report. */
export function testOnlyCodeIn(text: string, needles: string[]): string[] {
  return needles
    .filter((needle) => text.includes(needle))
    .map((n) => JSON.stringify(n.slice(0, 60)))
}
