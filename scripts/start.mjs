// `npm start`: builds the client and server when a source is newer than the build, then serves.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const outputs = ['dist/client/index.html', 'dist/server/node.js'].map((file) => join(root, file))
const sources = [
  'src',
  'server',
  'public',
  'scripts',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
]

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

const builtAt = Math.min(...outputs.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)))
const changedAt = Math.max(...sources.map((source) => newestMtime(join(root, source))))
if (builtAt < changedAt) {
  console.log('Building chatskins…')
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}
await import(pathToFileURL(join(root, 'dist/server/node.js')).href)
