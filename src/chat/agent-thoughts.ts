import type { AgentThought } from './chat-message.ts'

/** The UI locale → Dify's I18nObject key in `tool_labels`. */
const DIFY_LOCALE: Readonly<Record<string, string>> = {
  en: 'en_US',
  ko: 'ko_KR',
  ja: 'ja_JP',
  'zh-Hans': 'zh_Hans',
  'zh-Hant': 'zh_Hant',
}

/** A step's tool names (`;`-separated in Dify), each by its label in the UI locale where known. */
export function toolLabel(thought: AgentThought, locale: string): string {
  const key = DIFY_LOCALE[locale] ?? 'en_US'
  return toolNames(thought)
    .map((name) => {
      const labels = thought.toolLabels[name]
      const label = labels?.[key] ?? labels?.en_US
      return typeof label === 'string' && label.trim() ? label : name
    })
    .join(', ')
}

export function toolNames(thought: AgentThought): string[] {
  return thought.tool
    .split(';')
    .map((name) => name.trim())
    .filter(Boolean)
}

/**
 * Tool input and observation as readable text: Dify sends JSON keyed by tool name
 * (`{"weather": {"city": "Paris"}}`), unwrapped when there is one tool, then indented.
 * Anything that isn't JSON stays as it came.
 */
export function readableToolText(raw: string, tools: readonly string[]): string {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return raw
  }
  const [only] = tools
  if (
    tools.length === 1 &&
    only &&
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    only in value
  ) {
    value = (value as Record<string, unknown>)[only]
  }
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

/**
 * The steps worth showing: every tool call, and reasoning that isn't already the answer (Dify
 * repeats the final answer as a last tool-less thought).
 */
export function visibleThoughts(thoughts: readonly AgentThought[], answer: string): AgentThought[] {
  return thoughts.filter((thought) => {
    if (thought.tool.trim()) return true
    const text = thought.thought.trim()
    return text !== '' && !answer.includes(text)
  })
}
