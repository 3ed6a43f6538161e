import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/**
 * The Chromium the e2e tests drive: `CHROMIUM_PATH`, else Debian's package, else Playwright's own
 * download where one exists (it can't be downloaded on the build machines).
 */
export function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    playwrightChromium(),
  ]
  return candidates.find((path): path is string => !!path && existsSync(path))
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath()
  } catch {
    return undefined
  }
}
