import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError } from './config/config-error.ts'
import { startServer } from './node/start-server.ts'

/** The Node entry: `server/node.ts` under tsx, or `dist/server/node.js` after the build. */
const here = dirname(fileURLToPath(import.meta.url))
const projectRoot =
  process.env.CHATSKINS_ROOT ??
  resolve(here, here.endsWith(join('dist', 'server')) ? '../..' : '..')

/** How long the instance drains after SIGTERM before what is still open is cut (`SHUTDOWN_GRACE_MS`). */
function shutdownGraceMs(value: string | undefined): number {
  if (value === undefined || value === '') return 10_000
  if (!/^\d{1,7}$/.test(value)) {
    throw new ConfigError(
      'environment',
      'SHUTDOWN_GRACE_MS',
      'must be whole milliseconds, 0 to 9999999',
    )
  }
  return Number(value)
}

try {
  const graceMs = shutdownGraceMs(process.env.SHUTDOWN_GRACE_MS)
  const server = await startServer({
    root: projectRoot,
    env: process.env,
    argv: process.argv.slice(2),
  })
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) {
      console.log(`${signal} again: stopping now`)
      void server.close(0).then(() => process.exit(0))
      return
    }
    stopping = true
    console.log(
      `${signal}: draining for ${graceMs} ms (/readyz answers 503, requests are still served); ` +
        'a second signal stops at once',
    )
    void server.drain(graceMs).then(() => process.exit(0))
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
} catch (error) {
  const message = error instanceof ConfigError ? error.message : (error as Error).message
  console.error(`chatskins cannot start: ${message}`)
  process.exit(1)
}
