import { spawnSync } from 'node:child_process'
import { findChromium } from './find-chromium.ts'

/**
 * Makes sure a Chromium exists before the e2e tests: found, or installed from Debian's packages
 * when this process may (root with apt-get), or a clear failure saying what to do.
 */
const found = findChromium()
if (found) {
  console.log(`e2e browser: ${found}`)
  process.exit(0)
}

const isRoot = process.getuid?.() === 0
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
if (!isRoot || !hasApt) {
  console.error(
    'No Chromium found for the e2e tests. Install one (Debian: `sudo apt-get install -y ' +
      '--no-install-recommends chromium`) or set CHROMIUM_PATH to a Chromium/Chrome binary.',
  )
  process.exit(1)
}

console.log('No Chromium found: installing Debian chromium with apt-get…')
const install = spawnSync(
  'sh',
  ['-c', 'apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium'],
  { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } },
)
const installed = findChromium()
if (install.status !== 0 || !installed) {
  console.error('Installing chromium with apt-get failed; see the output above.')
  process.exit(1)
}
console.log(`e2e browser: ${installed}`)
