/**
 * The three page layouts chatskins serves, one per family of Dify app modes
 * (docs/dify-wire.md#info): every chat mode (`chat`, `agent-chat`, `advanced-chat`) talks,
 * `completion` generates text from a form, `workflow` runs a workflow from a form.
 */
export type AppKind = 'chat' | 'completion' | 'workflow'

export const APP_KINDS: readonly AppKind[] = ['chat', 'completion', 'workflow']

const KIND_OF_MODE: Readonly<Record<string, AppKind>> = {
  chat: 'chat',
  'agent-chat': 'chat',
  'advanced-chat': 'chat',
  completion: 'completion',
  workflow: 'workflow',
}

/** The layout for a Dify `mode` from `GET /info`; undefined for a mode chatskins doesn't know. */
export function appKindOfMode(mode: unknown): AppKind | undefined {
  return typeof mode === 'string' && Object.hasOwn(KIND_OF_MODE, mode)
    ? KIND_OF_MODE[mode]
    : undefined
}
