import { defineConfig } from '@playwright/test'
import baseConfig from './playwright.config.ts'

/**
 * Pixel comparison of every theme pack, for CSS refactors: `npm run visual:compare -- --update-snapshots`
 * on the old build records the shots in VISUAL_DIR, the same command without the flag on the new
 * build compares against them and writes a diff image for each shot that moved.
 */
const visualDir = process.env.VISUAL_DIR
if (!visualDir) throw new Error('Set VISUAL_DIR to a folder outside the repository')

export default defineConfig({
  ...baseConfig,
  testDir: 'e2e/visual',
  testMatch: '*.visual.ts',
  outputDir: 'test-results/visual',
  snapshotPathTemplate: `${visualDir}/{arg}{ext}`,
  workers: 1,
  expect: { ...baseConfig.expect, toHaveScreenshot: { maxDiffPixels: 0 } },
})
