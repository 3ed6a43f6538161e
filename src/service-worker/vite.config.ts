import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { SUPPORTED_LOCALES } from '../../contract/locales.ts'

const clientDir = fileURLToPath(new URL('../../dist/client', import.meta.url))
const assets = readdirSync(join(clientDir, 'assets')).sort()
/**
 * What the next visit paints with: the page's scripts and stylesheet (as index.html links them),
 * the UI dictionaries and the setup chunk every page imports at start.
 */
const template = readFileSync(join(clientDir, 'index.html'), 'utf8')
const linked = [...template.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map(([, url]) => url!)
const startChunk = new RegExp(`^(app-setup|${SUPPORTED_LOCALES.join('|')})-[\\w-]+\\.js$`)
const precache = [
  ...new Set([
    ...linked,
    ...assets.filter((name) => startChunk.test(name)).map((name) => `/assets/${name}`),
  ]),
]

/**
 * `/sw.js`, the service worker: one classic script built after the client into its `static/`
 * folder (npm run build), named after this build's assets so that a new build replaces it.
 */
export default defineConfig({
  publicDir: false,
  define: {
    CHATSKINS_BUILD: JSON.stringify(
      createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 16),
    ),
    CHATSKINS_PRECACHE: JSON.stringify(precache),
  },
  build: {
    outDir: 'dist/client/static',
    emptyOutDir: false,
    target: 'es2022',
    lib: {
      entry: fileURLToPath(new URL('service-worker.ts', import.meta.url)),
      formats: ['iife'],
      name: 'chatskinsServiceWorker',
      fileName: () => 'sw.js',
    },
  },
})
