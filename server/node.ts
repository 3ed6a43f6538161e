import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError } from './config/config-error.ts'
import { startServer } from './node/start-server.ts'

/** The Node entry: `server/node.ts` under tsx, or `dist/server/node.js` after the build. */
const here = dirname(fileURLToPath(import.meta.url))
const projectRoot =
  process.env.CHATSKINS_ROOT ??
  resolve(here, here.endsWith(join('dist', 'server')) ? '../..' : '..')

try {
  const server = await startServer({
    root: projectRoot,
    env: process.env,
    argv: process.argv.slice(2),
  })
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: no new connections; letting open answers finish (up to 10 s)`)
    void server.close(10_000).then(() => process.exit(0))
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
} catch (error) {
  const message = error instanceof ConfigError ? error.message : (error as Error).message
  console.error(`chatskins cannot start: ${message}`)
  process.exit(1)
}
