import type { FakeMessage } from '../demo/fake-store.ts'
import type { SseWriter } from '../demo/sse-writer.ts'
import type { FaultDirectives, TurnFaults } from '../demo/turn-faults.ts'
import { difyError } from '../demo/dify-errors.ts'
import { CHAT_MESSAGE_ERRORS, httpFault, proxyErrorPage } from './dify-error-catalogue.ts'
import { parseFaultDirectives, type FaultSwitches } from './fault-directives.ts'
import { pythonJsonDumps } from './python-json.ts'

/**
 * The test fake's faults and quirks, plugged into the demo bot with `createFakeDify({ faults })`.
 * Test-only: no production entry imports this file.
 */
export const TEST_FAULTS: FaultDirectives = (switches) => turnFaults(parseFaultDirectives(switches))

function turnFaults(faults: FaultSwitches): TurnFaults {
  return {
    respond: async (conversationId) => {
      if (faults.firstByteMs && (faults.httpError || faults.htmlError)) {
        await sleep(faults.firstByteMs)
      }
      if (faults.htmlError) return proxyErrorPage(faults.htmlError)
      if (faults.httpError) return httpFault(faults.httpError, conversationId)
      const catalogued = faults.difyError ? CHAT_MESSAGE_ERRORS[faults.difyError] : undefined
      if (catalogued) return difyError(catalogued.status, faults.difyError!, catalogued.message)
      return undefined
    },
    framing: {
      ...(faults.classic ? { encode: pythonJsonDumps } : {}),
      ...(faults.split ? { chunk: randomPieces } : {}),
    },
    beforeFirstEvent: async (writer) => {
      if (faults.firstByteMs) await writer.sleep(faults.firstByteMs)
      if (faults.pingFirst) writer.ping()
      if (faults.garbage) {
        writer.raw(': a comment line\n\nretry: 1000\nid: 7\nfoo: bar\n\ndata: {not json}\n\n')
        writer.raw(`data: ${'x'.repeat(200_000)}\n\n`)
      }
    },
    midAnswer: (writer, message, envelope) => injectFault(faults, writer, message, envelope),
    endFirst: faults.endFirst,
  }
}

/** Applies a mid-stream fault; true when the turn must end here. */
async function injectFault(
  faults: FaultSwitches,
  writer: SseWriter,
  message: FakeMessage,
  envelope: Record<string, unknown>,
): Promise<boolean> {
  if (faults.errorEvent) {
    const serverError = faults.errorEvent >= 500
    const { task_id: _taskId, ...withoutTaskId } = envelope
    message.status = 'error'
    message.error = serverError
      ? 'Internal Server Error, please contact support.'
      : 'Rate limit reached'
    writer.data({
      event: 'error',
      ...withoutTaskId,
      code: serverError ? 'internal_server_error' : 'completion_request_error',
      status: serverError ? 500 : 400,
      message: serverError
        ? 'Internal Server Error, please contact support.'
        : '[openai] Error: Rate limit reached for gpt-4o in organization org-demo.',
    })
    return true
  }
  if (faults.reset) {
    writer.fail()
    return true
  }
  if (faults.runFailed && typeof envelope.workflow_run_id === 'string') {
    message.status = 'error'
    message.error = 'Node Write run failed: [openai] Error: context length exceeded'
    writer.data({
      event: 'workflow_finished',
      ...envelope,
      data: { id: envelope.workflow_run_id, status: 'failed', outputs: null, error: message.error },
    })
    return true
  }
  if (faults.stall || faults.flood) {
    if (faults.flood) writer.raw(`data: ${'x'.repeat(2_000_000)}`)
    while (!writer.done) await writer.sleep(60_000)
    return true
  }
  if (faults.badUtf8) {
    // Two bytes that can never appear in UTF-8, inside an otherwise well-formed record.
    const token = JSON.stringify({ event: 'message', ...envelope, id: message.id, answer: '<>' })
    const [before, after] = token.split('<>') as [string, string]
    const encoder = new TextEncoder()
    writer.bytes(
      new Uint8Array([
        ...encoder.encode(`data: ${before}`),
        0xff,
        0xfe,
        ...encoder.encode(`${after}\n\n`),
      ]),
    )
    message.answer += '\ufffd\ufffd'
  }
  return false
}

/** Random 1-5 byte pieces, cutting UTF-8 characters too. */
function randomPieces(bytes: Uint8Array): Uint8Array[] {
  const pieces: Uint8Array[] = []
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(Math.random() * 5)
    pieces.push(bytes.slice(at, at + size))
    at += size
  }
  return pieces
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
