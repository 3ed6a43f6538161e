// 5. Cold start: from spawning the process to the first page served.
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { ROOT } from './lib/first-load.ts'
import { baseEnv, SERVER_ENTRY, track } from './lib/processes.ts'
import { row, type Section } from './lib/report.ts'
import { median } from './lib/stats.ts'

const URL_LINE = /chatskins serving .* on (http:\/\/\S+)/

/** Spawns `node dist/server/node.js` (demo mode) and times spawn → GET /minimal/ answered 200. */
function startToFirstPage(): Promise<{ total: number; listening: number }> {
  const started = performance.now()
  const child = track(
    spawn(process.execPath, [SERVER_ENTRY], {
      cwd: ROOT,
      env: baseEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )
  let output = ''
  let asked = false
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`chatskins did not serve a page within 15 s:\n${output}`))
    }, 15_000)
    const done = (result: { total: number; listening: number } | Error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      child.once('exit', () => (result instanceof Error ? reject(result) : resolve(result)))
    }
    child.stderr.on('data', (data: Buffer) => (output += data.toString()))
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString()
      const url = URL_LINE.exec(output)?.[1]
      if (!url || asked) return
      asked = true
      const listening = performance.now() - started
      // The log line is written right after listen(); ask for the page at once.
      fetch(`${url}/minimal/`)
        .then(async (response) => {
          await response.arrayBuffer()
          if (response.status !== 200) throw new Error(`GET /minimal/ answered ${response.status}`)
          done({ total: performance.now() - started, listening })
        })
        .catch((error: unknown) => done(error as Error))
    })
  })
}

/** The baseline: node's own start and exit, `node -e ''`. */
function nodeStartup(): Promise<number> {
  const started = performance.now()
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore', env: baseEnv() })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', () => resolve(performance.now() - started))
  })
}

export async function measureColdStart(reps: number): Promise<Section> {
  const chatskins: Array<{ total: number; listening: number }> = []
  const node: number[] = []
  for (let rep = 0; rep < reps; rep++) {
    node.push(await nodeStartup())
    chatskins.push(await startToFirstPage())
  }
  const baseline = { label: "node -e ''", value: median(node) }
  return {
    id: 'cold-start',
    title: `5. Cold start (median of ${reps})`,
    rows: [
      row({ label: "node -e '' (start and exit)", value: baseline.value, unit: 'ms' }),
      row({
        label: 'chatskins: spawn → listening',
        value: median(chatskins.map((run) => run.listening)),
        unit: 'ms',
        baseline,
      }),
      row({
        label: 'chatskins: spawn → first page (GET /minimal/ 200)',
        value: median(chatskins.map((run) => run.total)),
        unit: 'ms',
        baseline,
      }),
    ],
    notes: [
      '`node dist/server/node.js` in demo mode (no key), PORT=0; "listening" is when it prints ' +
        'its URL, right after listen(); the page is then requested at once over loopback.',
    ],
    details: { chatskins, node },
  }
}
