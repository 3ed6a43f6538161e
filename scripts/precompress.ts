// `npm run build`: writes a brotli and a gzip twin beside every compressible file in dist/client,
// so the server sends the best encoding a browser accepts without compressing per request.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { precompressFolder } from '../server/delivery/precompress-folder.ts'

const clientDir = join(fileURLToPath(new URL('..', import.meta.url)), 'dist', 'client')
const twins = precompressFolder(clientDir)
const sum = (key: 'raw' | 'br' | 'gzip') => twins.reduce((total, twin) => total + twin[key], 0)
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
console.log(
  `precompress: ${twins.length} files in dist/client, ${kb(sum('raw'))} → ` +
    `${kb(sum('br'))} brotli, ${kb(sum('gzip'))} gzip`,
)
