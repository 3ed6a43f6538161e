import type { AppMode } from './write-turn.ts'

/** One fake Dify app, selected by its API key like a real one. */
export interface FakeApp {
  mode: AppMode
  name: string
  parameters: Record<string, unknown>
}

const FEATURES_OFF = {
  speech_to_text: { enabled: false },
  text_to_speech: { enabled: false, voice: 'alloy', language: 'en-US', autoPlay: 'disabled' },
  retriever_resource: { enabled: true },
  annotation_reply: { enabled: false },
  more_like_this: { enabled: false },
  sensitive_word_avoidance: { enabled: false, type: '', configs: [] },
  system_parameters: {
    image_file_size_limit: 10,
    video_file_size_limit: 100,
    audio_file_size_limit: 50,
    file_size_limit: 15,
    workflow_file_upload_limit: 10,
  },
}

const DEMO_PARAMETERS = {
  ...FEATURES_OFF,
  opening_statement: "Hi! I'm the chatskins demo bot. Ask me anything. I answer in markdown.",
  suggested_questions: ['What can you do?', 'Show me some code', '안녕하세요!'],
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

/** The keys the demo and the test fake accept, one per app mode. */
export const FAKE_APPS: Readonly<Record<string, FakeApp>> = {
  'app-demo': { mode: 'chat', name: 'chatskins demo', parameters: DEMO_PARAMETERS },
  'app-chat': { mode: 'chat', name: 'Fake Chatbot', parameters: DEMO_PARAMETERS },
  'app-agent': { mode: 'agent-chat', name: 'Fake Agent', parameters: DEMO_PARAMETERS },
  'app-chatflow': { mode: 'advanced-chat', name: 'Fake Chatflow', parameters: DEMO_PARAMETERS },
}
