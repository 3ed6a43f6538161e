import { fileURLToPath } from 'node:url'
import OpenAI from 'openai'
import { validateConfig } from '../config/validate.ts'
import { FAKE_APPS } from '../demo/fake-apps.ts'
import { serveFakeDify, type ServedFakeDify } from '../testing/serve-fake-dify.ts'
import { startServer, type RunningServer } from '../node/start-server.ts'
import { keyIdOf } from './api-key.ts'
import { difyUserOf } from './dify-request.ts'

export const KEY_A = 'sk-test-key-a-0123456789abcdef'
export const KEY_B = 'sk-test-key-b-0123456789abcdef'
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TEMPLATE =
  '<!doctype html><html><head><!--chatskins:head--></head><body><!--chatskins:boot--></body></html>'

/** A Chatbot with image upload on and a `system` paragraph input, for images and system prompts. */
const VISION_APP = {
  ...FAKE_APPS['app-chat']!,
  name: 'Fake Vision',
  parameters: {
    ...FAKE_APPS['app-chat']!.parameters,
    user_input_form: [
      { paragraph: { variable: 'system', label: 'System', required: false, max_length: 4000 } },
    ],
    file_upload: {
      image: {
        enabled: true,
        number_limits: 3,
        detail: 'high',
        transfer_methods: ['remote_url', 'local_file'],
      },
    },
  },
}

/** A Workflow app whose form has no text field, only a select. */
const CHOICES_ONLY_WORKFLOW = {
  ...FAKE_APPS['app-workflow']!,
  parameters: {
    ...FAKE_APPS['app-workflow']!.parameters,
    user_input_form: [
      { select: { variable: 'tone', label: 'Tone', required: false, options: ['Friendly'] } },
    ],
  },
}

const openai = { keys: [KEY_A, KEY_B] }
const ENDPOINTS = (apiBase: string) => [
  { id: 'chat', dify: { apiBase, apiKey: 'app-chat' }, openai },
  { id: 'agent', dify: { apiBase, apiKey: 'app-agent' }, openai },
  {
    id: 'flow',
    dify: { apiBase, apiKey: 'app-chatflow' },
    openai: { ...openai, model: 'my-flow' },
  },
  { id: 'cited', dify: { apiBase, apiKey: 'app-full-openai' }, openai },
  {
    id: 'vision',
    dify: { apiBase, apiKey: 'app-vision' },
    openai: { ...openai, systemInput: 'system' },
  },
  {
    id: 'tight',
    dify: { apiBase, apiKey: 'app-chat' },
    openai: { keys: [KEY_A], perKeyPerMinute: 2 },
  },
  {
    id: 'single',
    dify: { apiBase, apiKey: 'app-chat' },
    openai: { keys: [KEY_A], streamsPerKey: 1 },
  },
  { id: 'plain', dify: { apiBase, apiKey: 'app-chat' } },
  // The app type from Dify's /info; the message goes into the form's first text field (`topic`).
  { id: 'writer', dify: { apiBase, apiKey: 'app-completion' }, openai },
  {
    id: 'runner',
    app: 'workflow',
    dify: { apiBase, apiKey: 'app-workflow' },
    openai: { ...openai, queryInput: 'topic' },
  },
  { id: 'choices', dify: { apiBase, apiKey: 'app-workflow-choices' }, openai },
]

export interface OpenAiStack {
  upstream: ServedFakeDify
  server: RunningServer
  /** The official SDK pointed at `/<endpoint>/v1`. */
  client(endpointId: string, key?: string): OpenAI
  /** Streams an answer through the SDK and leaves after its second content delta. */
  leaveMidStream(endpointId: string, content: string, user: string): Promise<void>
  /** The Dify user chatskins uses for an OpenAI `user` under a key. */
  difyUser(endpointId: string, openAiUser?: string, key?: string): Promise<string>
  /** Starts chatskins again on the same fake: a fresh conversation map, as after a restart. */
  restart(): Promise<void>
  close(): Promise<void>
}

/** The fake Dify and chatskins on loopback, every endpoint with OpenAI keys but `plain`. */
export async function startOpenAiStack(): Promise<OpenAiStack> {
  const upstream = await serveFakeDify({
    tokenDelayMs: 2,
    apps: {
      ...FAKE_APPS,
      'app-vision': VISION_APP,
      'app-full-openai': { ...FAKE_APPS['app-chat']!, citations: true },
      'app-workflow-choices': CHOICES_ONLY_WORKFLOW,
    },
  })
  const config = validateConfig(
    { endpoints: ENDPOINTS(upstream.apiBase) },
    { source: 'test', themeIds: ['minimal'] },
  )
  const start = () =>
    startServer({
      root: ROOT,
      env: { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'openai-test-secret-1234' },
      config,
      pageTemplate: TEMPLATE,
      log: () => {},
    })
  let server = await start()
  const clientFor = (endpointId: string, key = KEY_A) =>
    new OpenAI({ apiKey: key, baseURL: `${server.url}/${endpointId}/v1`, maxRetries: 0 })
  return {
    upstream,
    get server() {
      return server
    },
    client: clientFor,
    async leaveMidStream(endpointId, content, user) {
      const controller = new AbortController()
      const stream = await clientFor(endpointId).chat.completions.create(
        { model: endpointId, messages: [{ role: 'user', content }], user, stream: true },
        { signal: controller.signal },
      )
      let seen = 0
      // The SDK ends the iteration quietly when its own signal aborts it.
      for await (const part of stream) {
        if (part.choices[0]?.delta.content && ++seen === 2) controller.abort()
      }
      if (seen !== 2) throw new Error(`the answer ended after ${seen} deltas`)
    },
    difyUser: async (endpointId, openAiUser = '', key = KEY_A) =>
      difyUserOf(endpointId, await keyIdOf(key), openAiUser),
    async restart() {
      await server.close(0)
      server = await start()
    },
    async close() {
      await server.close(0)
      await upstream.close()
    },
  }
}
