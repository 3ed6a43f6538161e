import { validateConfig } from '../config/validate.ts'
import { startServer } from '../node/start-server.ts'
import { ROOT, TEMPLATE } from './test-stack.ts'

// chatskins in a process of its own, for tests and benchmarks that read its stderr or its memory:
// the config file's contents arrive in CHILD_CONFIG; the URL is printed as `listening <url>`.
const config = validateConfig(JSON.parse(process.env.CHILD_CONFIG ?? '{}'), {
  source: 'CHILD_CONFIG',
  themeIds: ['minimal'],
})
const server = await startServer({
  root: ROOT,
  env: { ...process.env, HOST: '127.0.0.1', PORT: '0' },
  config,
  pageTemplate: TEMPLATE,
  log: () => {},
})
// SIGUSR2: collect garbage (the process runs with --expose-gc), then report what is still held.
process.on('SIGUSR2', () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  console.log(`memory ${JSON.stringify(process.memoryUsage())}`)
})
// Announced only once SIGUSR2 is handled: a signal sent on this line must not kill the process.
console.log(`listening ${server.url}`)
