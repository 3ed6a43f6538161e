import { switchNumber, switchText, type DirectiveSwitches } from '../demo/directives.ts'

/** The fault and quirk directives of the test fake (server/testing/README.md#directives). */
export interface FaultSwitches {
  /** Write each SSE record in random 1-5 byte pieces (splitting UTF-8 characters too). */
  split: boolean
  /** Start the stream with `event: ping` before any data, like Chatflow on recent Dify. */
  pingFirst: boolean
  /** Python `json.dumps` framing: spaces after separators, non-ASCII as `\uXXXX`. */
  classic: boolean
  /** After part of the answer, send an `error` event with this status (400 or 500). */
  errorEvent: number | undefined
  /** Answer the whole request with this HTTP status and Dify's JSON envelope. */
  httpError: number | undefined
  /** Answer with this status and an HTML page, as a reverse proxy in front of Dify would. */
  htmlError: number | undefined
  /** Milliseconds before the first byte of the response. */
  firstByteMs: number | undefined
  /** Break the connection after part of the answer. */
  reset: boolean
  /** Stop sending anything after part of the answer, without closing. */
  stall: boolean
  /** Mix garbage lines, comments and unknown fields into the stream. */
  garbage: boolean
  /** Chatflow: send `message_end` before `workflow_finished`. */
  endFirst: boolean
  /** Answer with Dify's HTTP error for this code (docs/dify-wire.md#error-codes), e.g. `not_chat_app`. */
  difyError: string | undefined
  /** Put bytes that are not UTF-8 into the middle of one answer token. */
  badUtf8: boolean
  /** After part of the answer, send one 2 MB line with no end, as a runaway upstream would. */
  flood: boolean
  /** Workflow: after part of the answer, the run fails (`workflow_finished`, `status: "failed"`). */
  runFailed: boolean
}

export function parseFaultDirectives(switches: DirectiveSwitches): FaultSwitches {
  return {
    split: switches.has('split'),
    pingFirst: switches.has('ping-first'),
    classic: switches.has('classic'),
    errorEvent: switchNumber(switches, 'error-event'),
    httpError: switchNumber(switches, 'http'),
    htmlError: switchNumber(switches, 'html'),
    firstByteMs: switchNumber(switches, 'first-byte'),
    reset: switches.has('reset'),
    stall: switches.has('stall'),
    garbage: switches.has('garbage'),
    endFirst: switches.has('end-first'),
    difyError: switchText(switches, 'dify-error'),
    badUtf8: switches.has('bad-utf8'),
    flood: switches.has('flood'),
    runFailed: switches.has('run-failed'),
  }
}
