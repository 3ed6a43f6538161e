/**
 * Switches written into the chat message itself as `[[name]]` or `[[name=value]]`, so a visitor
 * of the demo (or a browser test) can change one turn without any shared state. Every directive is
 * removed from the query the bot sees; the demo bot acts on the ones below, and the test fake
 * reads its faults from the same switches (server/testing/fault-directives.ts).
 */
export interface Directives {
  /** Milliseconds between tokens. */
  slowMs: number | undefined
  /** Answer with the query itself (after the directives are removed). */
  echo: boolean
  /** Replace the answer at the end with `message_replace` (output moderation). */
  replace: boolean
  /** Answer with this many characters of generated markdown. */
  longChars: number | undefined
  /** Add two citations (`metadata.retriever_resources`) to the answer. */
  cite: boolean
  /** Add a picture "drawn by a tool": a `message_file` event (belongs_to assistant). */
  file: boolean
  /** Before this turn, add this many question/answer pairs to the conversation at once. */
  many: number | undefined
  /** Chatflow: the LLM node reports `finish_reason: "length"` (cut at its max tokens). */
  length: boolean
  /** Workflow: no `text_chunk`; the text arrives only in `workflow_finished`'s outputs. */
  outputsOnly: boolean
}

/** Every directive found in a message, by name: its value, or true when it has none. */
export type DirectiveSwitches = ReadonlyMap<string, string | true>

const DIRECTIVE = /\[\[([a-z0-9-]+)(?:=([a-z0-9_]+))?\]\]/g

export function parseDirectives(message: string): {
  query: string
  directives: Directives
  switches: DirectiveSwitches
} {
  const switches = new Map<string, string | true>()
  const query = message
    .replace(DIRECTIVE, (_match, name: string, value?: string) => {
      switches.set(name, value ?? true)
      return ''
    })
    .trim()
  return {
    query,
    switches,
    directives: {
      slowMs: switchNumber(switches, 'slow'),
      echo: switches.has('echo'),
      replace: switches.has('replace'),
      longChars: switchNumber(switches, 'long'),
      cite: switches.has('cite'),
      file: switches.has('file'),
      many: switchNumber(switches, 'many'),
      length: switches.has('length'),
      outputsOnly: switches.has('outputs-only'),
    },
  }
}

/** A directive's value, or undefined when it is absent or written without one. */
export function switchText(switches: DirectiveSwitches, name: string): string | undefined {
  const value = switches.get(name)
  return typeof value === 'string' ? value : undefined
}

/** A directive's value when it is a whole number, else undefined. */
export function switchNumber(switches: DirectiveSwitches, name: string): number | undefined {
  const value = switchText(switches, name)
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined
}
