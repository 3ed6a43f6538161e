import { FEATURES_OFF, FULL_PARAMETERS, TTS_PARAMETERS } from './fake-parameters.ts'
import { GENERATOR_PARAMETERS } from './fake-run-parameters.ts'
import type { AppMode } from './write-turn.ts'
import type { HostileContent } from './hostile-content.ts'

/** One fake Dify app, selected by its API key like a real one. */
export interface FakeApp {
  mode: AppMode | 'workflow'
  name: string
  parameters: Record<string, unknown>
  /** Answers cite a knowledge base (`retriever_resources`), as with `[[cite]]`. */
  citations?: boolean
  /** Every field a client shows comes from the XSS corpus instead (server/testing/xss-corpus.ts). */
  hostile?: HostileContent
}

const DEMO_PARAMETERS = {
  ...FEATURES_OFF,
  opening_statement: "Hi! I'm the chatskins demo bot. Ask me anything. I answer in markdown.",
  suggested_questions: ['What can you do?', 'Show me some code', 'Which themes are there?'],
  suggested_questions_after_answer: { enabled: true },
  user_input_form: [],
  file_upload: {
    image: {
      enabled: false,
      number_limits: 3,
      detail: 'high',
      transfer_methods: ['remote_url', 'local_file'],
    },
  },
}

/**
 * The keys the demo bot accepts: one per app mode with the features off, plus `app-full` (every
 * feature and input type), `app-tts` (the same, reading answers aloud), and a text generator
 * each for `completion` and `workflow` (fake-run-routes.ts). The test fake adds
 * hostile apps (server/testing/test-apps.ts).
 */
export const FAKE_APPS: Readonly<Record<string, FakeApp>> = {
  'app-demo': { mode: 'chat', name: 'chatskins demo', parameters: DEMO_PARAMETERS },
  'app-chat': { mode: 'chat', name: 'Fake Chatbot', parameters: DEMO_PARAMETERS },
  'app-agent': { mode: 'agent-chat', name: 'Fake Agent', parameters: DEMO_PARAMETERS },
  'app-chatflow': { mode: 'advanced-chat', name: 'Fake Chatflow', parameters: DEMO_PARAMETERS },
  'app-full': {
    mode: 'chat',
    name: 'Fake Full-featured',
    parameters: FULL_PARAMETERS,
    citations: true,
  },
  'app-tts': { mode: 'chat', name: 'Fake Read-aloud', parameters: TTS_PARAMETERS, citations: true },
  'app-completion': { mode: 'completion', name: 'Fake Writer', parameters: GENERATOR_PARAMETERS },
  'app-workflow': { mode: 'workflow', name: 'Fake Workflow', parameters: GENERATOR_PARAMETERS },
}

/** Reads a feature switch such as `speech_to_text` from an app's parameters. */
export function featureEnabled(app: FakeApp, feature: string): boolean {
  const value = app.parameters[feature]
  return (
    typeof value === 'object' && value !== null && (value as { enabled?: unknown }).enabled === true
  )
}

/** `text_to_speech.autoPlay: "enabled"`: the stream reads the answer aloud (`tts_message`). */
export function ttsAutoPlay(app: FakeApp): boolean {
  const tts = app.parameters.text_to_speech as { enabled?: boolean; autoPlay?: string } | undefined
  return tts?.enabled === true && tts.autoPlay === 'enabled'
}

/** Dify takes `files` only when file upload is on, in the full or the old image-only shape. */
export function fileUploadEnabled(app: FakeApp): boolean {
  const upload = app.parameters.file_upload as
    { enabled?: boolean; image?: { enabled?: boolean } } | undefined
  return upload?.enabled === true || upload?.image?.enabled === true
}
