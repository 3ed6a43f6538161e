import { TEST_APPS } from '../testing/test-apps.ts'
import { TEST_FAULTS } from '../testing/test-faults.ts'
import { createFakeDify, type FakeDifyOptions } from './fake-dify.ts'

/** Helpers for tests of the fake Dify: a caller for its Service API and SSE readers. */

export type Json = Record<string, any>

export const ALICE = 'chatskins:pink:alice'
export const BOB = 'chatskins:pink:bob'

export interface CallOptions {
  key?: string
  authorization?: string | null
  json?: unknown
  /** A raw body, e.g. FormData for the multipart routes. */
  body?: BodyInit
  query?: Record<string, string>
}

/** A fresh fake and a caller for its Service API, as the chatskins server calls it. */
export function fakeDify(options: FakeDifyOptions = { tokenDelayMs: 0 }) {
  const dify = createFakeDify({ apps: TEST_APPS, faults: TEST_FAULTS, ...options })
  const call = (method: string, path: string, { key = 'app-chat', ...rest }: CallOptions = {}) => {
    const url = new URL(`http://dify.test/v1${path}`)
    for (const [name, value] of Object.entries(rest.query ?? {})) url.searchParams.set(name, value)
    const headers = new Headers()
    const authorization = rest.authorization === undefined ? `Bearer ${key}` : rest.authorization
    if (authorization !== null) headers.set('Authorization', authorization)
    const init: RequestInit = { method, headers }
    if (rest.json !== undefined) {
      headers.set('Content-Type', 'application/json')
      init.body = JSON.stringify(rest.json)
    } else if (rest.body !== undefined) {
      init.body = rest.body
    }
    return dify.fetch(new Request(url, init))
  }
  /** Starts a streaming turn; the response is returned unread. */
  const send = (query: string, user = ALICE, extra: Json = {}, key = 'app-chat') =>
    call('POST', '/chat-messages', {
      key,
      json: { query, user, inputs: {}, response_mode: 'streaming', ...extra },
    })
  /** A whole streaming turn: its events and the raw text. */
  const turn = async (query: string, user = ALICE, extra: Json = {}, key = 'app-chat') => {
    const response = await send(query, user, extra, key)
    if (response.status !== 200) {
      throw new Error(`turn answered ${response.status}: ${await response.text()}`)
    }
    const raw = await response.text()
    return { raw, events: parseSse(raw), response }
  }
  return { dify, call, send, turn }
}

export function parseSse(text: string): Json[] {
  return text
    .split('\n\n')
    .map((record) =>
      record
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n'),
    )
    .filter((data) => data !== '')
    .map((data) => JSON.parse(data) as Json)
}

/** Reads SSE events one at a time, so a test can act in the middle of a stream. */
export function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const queue: Json[] = []
  let buffer = ''
  const next = async (): Promise<Json | null> => {
    for (;;) {
      const queued = queue.shift()
      if (queued) return queued
      const { done, value } = await reader.read()
      if (done) return null
      buffer += decoder.decode(value, { stream: true })
      const records = buffer.split('\n\n')
      buffer = records.pop() ?? ''
      queue.push(...parseSse(records.map((record) => `${record}\n\n`).join('')))
    }
  }
  const rest = async () => {
    const events: Json[] = []
    for (let event = await next(); event; event = await next()) events.push(event)
    return events
  }
  return { next, rest }
}

export const answerOf = (events: Json[]) =>
  events
    .filter((event) => event.event === 'message' || event.event === 'agent_message')
    .map((event) => event.answer as string)
    .join('')

export const types = (events: Json[]) => events.map((event) => event.event as string)

export async function envelope(response: Response) {
  return { status: response.status, body: (await response.json()) as Json }
}
