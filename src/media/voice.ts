import { signal } from '@preact/signals'
import type { MediaApi } from '../api/media-api.ts'
import type { Recording } from './voice-recorder.ts'

/** What `speech_to_text` and `text_to_speech` of `GET /parameters` switch on (docs/dify-wire.md#parameters). */
export interface VoiceFeatures {
  speechToText: boolean
  readAloud: boolean
  /** `text_to_speech.autoPlay == "enabled"`: streams carry `tts_message` audio. */
  autoPlay: boolean
}

type Json = Record<string, unknown>
const object = (value: unknown): Json =>
  typeof value === 'object' && value !== null ? (value as Json) : {}

export function parseVoiceFeatures(parameters: unknown): VoiceFeatures {
  const params = object(parameters)
  const tts = object(params.text_to_speech)
  return {
    speechToText: object(params.speech_to_text).enabled === true,
    readAloud: tts.enabled === true,
    autoPlay: tts.enabled === true && tts.autoPlay === 'enabled',
  }
}

export type VoiceState = 'idle' | 'starting' | 'recording' | 'transcribing'
export type VoiceProblem = 'denied' | 'failed' | null

export interface VoiceInputOptions {
  api: Pick<MediaApi, 'transcribe'>
  /** Where the words go: the composer's draft (never sent by themselves). */
  onText: (text: string) => void
  /** Longest recording; the recorder stops by itself after it. */
  maxMs?: number
}

/**
 * Speech to text in the composer: the first press asks for the microphone and records, the next
 * stops, sends the recording to `/api/audio-to-text` and hands the words to `onText`. The
 * recorder code loads on the first press.
 */
export function createVoiceInput(options: VoiceInputOptions) {
  const maxMs = options.maxMs ?? 120_000
  const features = signal<VoiceFeatures>({ speechToText: false, readAloud: false, autoPlay: false })
  const state = signal<VoiceState>('idle')
  const problem = signal<VoiceProblem>(null)
  let recording: Recording | undefined
  let limit: ReturnType<typeof setTimeout> | undefined

  const start = async () => {
    state.value = 'starting'
    problem.value = null
    try {
      const { startRecording } = await import('./voice-recorder.ts')
      recording = await startRecording()
    } catch (error) {
      state.value = 'idle'
      problem.value =
        (error as { name?: string } | null)?.name === 'NotAllowedError' ? 'denied' : 'failed'
      return
    }
    state.value = 'recording'
    limit = setTimeout(() => void finish(), maxMs)
  }

  const finish = async () => {
    clearTimeout(limit)
    const current = recording
    recording = undefined
    if (!current) return
    state.value = 'transcribing'
    try {
      const audio = await current.stop()
      const text = (await options.api.transcribe(audio)).trim()
      if (text) options.onText(text)
    } catch {
      problem.value = 'failed'
    } finally {
      state.value = 'idle'
    }
  }

  return {
    features,
    state,
    problem,
    configure: (parameters: unknown) => (features.value = parseVoiceFeatures(parameters)),
    toggle: () => {
      if (state.peek() === 'idle') void start()
      else if (state.peek() === 'recording') void finish()
    },
    dismissProblem: () => (problem.value = null),
  }
}

export type VoiceInput = ReturnType<typeof createVoiceInput>

/** The draft with spoken words added at its end. */
export function appendToDraft(draft: string, text: string): string {
  const kept = draft.trimEnd()
  return kept ? `${kept} ${text}` : text
}
