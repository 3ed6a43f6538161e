import type { DirectiveSwitches } from './directives.ts'
import type { FakeMessage } from './fake-store.ts'
import type { SseStreamOptions, SseWriter } from './sse-writer.ts'

/**
 * How one turn misbehaves on purpose. The demo bot has no faults; the test fake plugs them in
 * (server/testing/test-faults.ts) so the production bundle carries none of them.
 */
export interface TurnFaults {
  /** An answer for the whole request (an HTTP error) instead of the turn, or undefined. */
  respond?(conversationId: string | undefined): Promise<Response | undefined>
  /** How records are serialised and cut into chunks on the wire. */
  framing?: Pick<SseStreamOptions, 'encode' | 'chunk'>
  /** Runs before the first event of the stream. */
  beforeFirstEvent?(writer: SseWriter): Promise<void>
  /** Runs halfway through the answer; true when the turn must end there. */
  midAnswer?(
    writer: SseWriter,
    message: FakeMessage,
    envelope: Record<string, unknown>,
  ): Promise<boolean>
  /** Chatflow: send `message_end` before `workflow_finished`. */
  endFirst?: boolean
}

/** Reads a message's directives into the faults of its turn (`createFakeDify({ faults })`). */
export type FaultDirectives = (switches: DirectiveSwitches) => TurnFaults
