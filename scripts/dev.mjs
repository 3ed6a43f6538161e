// `npm run dev`: the chatskins server (restarted by tsx on server changes) behind Vite's dev
// server, which serves the client with hot reload and proxies pages, /talk and /api to it.
import { spawn } from 'node:child_process'

const serverPort = process.env.PORT ?? '8787'
const children = [
  spawn(
    'npx',
    ['tsx', 'watch', '--clear-screen=false', 'server/dev.ts', ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, PORT: serverPort },
      detached: true,
    },
  ),
  spawn('npx', ['vite', '--host', '127.0.0.1', '--port', process.env.DEV_PORT ?? '5173'], {
    stdio: 'inherit',
    env: { ...process.env, CHATSKINS_DEV_SERVER: `http://127.0.0.1:${serverPort}` },
    detached: true,
  }),
]
console.log(
  `\nchatskins dev: open http://127.0.0.1:${process.env.DEV_PORT ?? '5173'}/<endpoint>/ ` +
    '(client code hot-reloads; theme files reload the page)\n',
)
const stop = () => {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children) child.on('exit', stop)
