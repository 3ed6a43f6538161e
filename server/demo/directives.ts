/**
 * Test and demo switches, written into the chat message itself as `[[name]]` or `[[name=value]]`
 * so a browser test can make one turn misbehave without any shared state. The rest of the message
 * is the query the bot sees.
 */
export interface Directives {
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
  /** Milliseconds between tokens. */
  slowMs: number | undefined
  /** Milliseconds before the first byte of the response. */
  firstByteMs: number | undefined
  /** Break the connection after part of the answer. */
  reset: boolean
  /** Stop sending anything after part of the answer, without closing. */
  stall: boolean
  /** Answer with the query itself (after the directives are removed). */
  echo: boolean
  /** Mix garbage lines, comments and unknown fields into the stream. */
  garbage: boolean
  /** Replace the answer at the end with `message_replace` (output moderation). */
  replace: boolean
  /** Chatflow: send `message_end` before `workflow_finished`. */
  endFirst: boolean
  /** Answer with this many characters of generated markdown. */
  longChars: number | undefined
  /** Add two citations (`metadata.retriever_resources`) to the answer. */
  cite: boolean
  /** Add a picture "drawn by a tool": a `message_file` event (belongs_to assistant). */
  file: boolean
  /** Before this turn, add this many question/answer pairs to the conversation at once. */
  many: number | undefined
  /** Answer with Dify's HTTP error for this code (docs/dify-wire.md#error-codes), e.g. `not_chat_app`. */
  difyError: string | undefined
  /** Put bytes that are not UTF-8 into the middle of one answer token. */
  badUtf8: boolean
  /** After part of the answer, send one 2 MB line with no end, as a runaway upstream would. */
  flood: boolean
  /** Chatflow: the LLM node reports `finish_reason: "length"` (cut at its max tokens). */
  length: boolean
}

const DIRECTIVE = /\[\[([a-z0-9-]+)(?:=([a-z0-9_]+))?\]\]/g

export function parseDirectives(message: string): { query: string; directives: Directives } {
  const found = new Map<string, string | true>()
  const query = message
    .replace(DIRECTIVE, (_match, name: string, value?: string) => {
      found.set(name, value ?? true)
      return ''
    })
    .trim()
  const text = (name: string) => {
    const value = found.get(name)
    return typeof value === 'string' ? value : undefined
  }
  const number = (name: string) => {
    const value = text(name)
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined
  }
  return {
    query,
    directives: {
      split: found.has('split'),
      pingFirst: found.has('ping-first'),
      classic: found.has('classic'),
      errorEvent: number('error-event'),
      httpError: number('http'),
      htmlError: number('html'),
      slowMs: number('slow'),
      firstByteMs: number('first-byte'),
      reset: found.has('reset'),
      stall: found.has('stall'),
      echo: found.has('echo'),
      garbage: found.has('garbage'),
      replace: found.has('replace'),
      endFirst: found.has('end-first'),
      longChars: number('long'),
      cite: found.has('cite'),
      file: found.has('file'),
      many: number('many'),
      difyError: text('dify-error'),
      badUtf8: found.has('bad-utf8'),
      flood: found.has('flood'),
      length: found.has('length'),
    },
  }
}
