import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './lib/first-load.ts'
import { testOnlyCodeIn, testOnlyNeedles, TEST_ONLY_SUMMARY } from './lib/test-only-needles.ts'

/**
 * The production build carries the demo bot only: no hostile test app, no XSS payload and no
 * fault directive may reach `dist/` (client or server). Run after `npm run build`.
 */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

const needles = testOnlyNeedles()
const found = filesUnder(join(ROOT, 'dist')).flatMap((file) =>
  testOnlyCodeIn(readFileSync(file, 'latin1'), needles).map(
    (needle) => `${file.slice(ROOT.length + 1)}: ${needle}`,
  ),
)
if (found.length > 0) {
  console.error(`test-only code in dist/:\n${found.join('\n')}`)
  process.exit(1)
}
console.log(`dist/ holds ${TEST_ONLY_SUMMARY}`)
