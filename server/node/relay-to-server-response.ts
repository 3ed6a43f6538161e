import type { IncomingMessage, ServerResponse } from 'node:http'
import { createRelayCore, type RelayOptions } from '../relay/relay-core.ts'
import type { SentStream } from '../relay/direct-talk.ts'

/**
 * Relays Dify's SSE answer socket to socket (relay-core.ts): every Dify chunk is pushed into the
 * core, every output goes to the browser's response in one write. A browser that reads slower
 * than Dify writes pauses the upstream until it drains; a browser that leaves stops it.
 */
export function relayToServerResponse(
  upstream: IncomingMessage,
  response: ServerResponse,
  options: RelayOptions,
  onSent: (sent: SentStream) => void,
): void {
  let paused = false
  let sentBytes = 0
  const core = createRelayCore(options, {
    write(bytes) {
      sentBytes += bytes.byteLength
      if (response.write(bytes) || paused) return
      paused = true
      upstream.pause()
      response.once('drain', () => {
        paused = false
        upstream.resume()
      })
    },
    browserBehind: () => paused,
    close: () => response.end(),
    abort: () => response.destroy(),
    stopUpstream: () => upstream.destroy(),
    allocate: (size) => Buffer.allocUnsafe(size),
  })
  upstream.on('data', (chunk: Buffer) => core.push(chunk))
  upstream.on('end', () => core.end())
  // After 'end' the core has finished and ignores this; without it, the connection broke.
  upstream.on('close', () => core.fail())
  upstream.on('error', () => {})
  response.on('close', () => {
    onSent({ bytes: sentBytes, outcome: response.writableFinished ? 'complete' : 'aborted' })
    core.cancel()
    if (!upstream.complete) upstream.destroy()
  })
}
