import { Agent, request, type ClientRequest } from 'node:http'

/** Where and how to ask for one event stream: direct to the upstream, or through a proxy. */
export interface StreamTarget {
  name: string
  url: string
  /** The JSON body for a query (chatskins' /talk takes a different body than Dify's API). */
  body(query: string): unknown
  /** Extra request headers, e.g. an OpenAI client's `Authorization`. */
  headers?: Record<string, string>
}

export interface StreamReading {
  /** Per-event latency, ms: arrival in this process − emit time written by the upstream. */
  latencies: number[]
  events: number
  firstEventAt: bigint
  lastEventAt: bigint
}

const agent = new Agent({ keepAlive: false, maxSockets: Infinity })
/** The emit time at the start of a Dify `answer`, or of the OpenAI `content` it became. */
const TIME = /"(?:answer|content)":"(\d+) /g

export interface OpenStream {
  /** Resolves when the first timed event has arrived. */
  firstEvent: Promise<void>
  /** Resolves with the whole reading when the stream ends. */
  done: Promise<StreamReading>
  request: ClientRequest
}

/** POSTs one query and reads the SSE answer, timing every event that carries an emit time. */
export function openStream(target: StreamTarget, query: string): OpenStream {
  const latencies: number[] = []
  let firstEventAt = 0n
  let lastEventAt = 0n
  let resolveFirst: () => void = () => {}
  let rejectFirst: (error: Error) => void = () => {}
  const firstEvent = new Promise<void>((resolve, reject) => {
    resolveFirst = resolve
    rejectFirst = reject
  })
  firstEvent.catch(() => {})
  const payload = JSON.stringify(target.body(query))
  let req!: ClientRequest
  const done = new Promise<StreamReading>((resolve, reject) => {
    const fail = (error: Error) => {
      rejectFirst(error)
      reject(error)
    }
    req = request(
      target.url,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'text/event-stream',
          'Content-Length': Buffer.byteLength(payload),
          ...target.headers,
        },
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume()
          return fail(new Error(`${target.name}: HTTP ${response.statusCode}`))
        }
        response.setEncoding('utf8')
        let pending = ''
        response.on('data', (text: string) => {
          const now = process.hrtime.bigint()
          pending += text
          const cut = pending.lastIndexOf('\n\n')
          if (cut < 0) return
          const complete = pending.slice(0, cut)
          pending = pending.slice(cut + 2)
          for (const match of complete.matchAll(TIME)) {
            latencies.push(Number(now - BigInt(match[1]!)) / 1e6)
            if (firstEventAt === 0n) {
              firstEventAt = now
              resolveFirst()
            }
            lastEventAt = now
          }
        })
        response.on('end', () =>
          resolve({ latencies, events: latencies.length, firstEventAt, lastEventAt }),
        )
        response.on('error', fail)
      },
    )
    req.on('error', fail)
    req.end(payload)
  })
  done.catch(() => {})
  return { firstEvent, done, request: req }
}
