import { signal, type ReadonlySignal } from '@preact/signals'
import type { MediaApi } from '../api/media-api.ts'
import type { DifyStreamEvent } from '../../contract/dify-wire.ts'
import { speechText } from './speech-text.ts'
import { audioTypeOf, joinBase64Chunks } from './tts-chunks.ts'

/** Anything read aloud: a chat answer, a text generator's result. */
export interface Speakable {
  key: string
  text: ReadonlySignal<string>
}

export interface ReadAloudOptions {
  api: Pick<MediaApi, 'speak'>
  /** The audio element (tests pass a fake). */
  createAudio?: (url: string) => HTMLAudioElement
}

/**
 * Answers read aloud, one at a time: a press fetches the audio of the answer's words (not its
 * markdown) from `/api/text-to-audio` (or takes what the stream already brought) and plays it; a second press
 * stops. With auto-play, the `tts_message` chunks of a streaming answer are joined and played at
 * `tts_message_end`; when the browser refuses to play without a gesture, the audio stays for the
 * answer's read-aloud button.
 */
export function createReadAloud(options: ReadAloudOptions) {
  const createAudio = options.createAudio ?? ((url: string) => new Audio(url))
  /** The key of the message playing (or loading) now. */
  const playing = signal<string | null>(null)
  const loading = signal<string | null>(null)
  const failed = signal<string | null>(null)
  const chunks = new WeakMap<Speakable, string[]>()
  const streamed = new WeakMap<Speakable, Blob>()
  let current:
    { key: string; audio?: HTMLAudioElement; url?: string; abort: AbortController } | undefined

  const stop = () => {
    if (!current) return
    current.abort.abort()
    current.audio?.pause()
    if (current.url) URL.revokeObjectURL(current.url)
    current = undefined
    playing.value = null
    loading.value = null
  }

  const play = async (key: string, audio: () => Promise<Blob>): Promise<boolean> => {
    stop()
    const mine = { key, abort: new AbortController() } as NonNullable<typeof current>
    current = mine
    playing.value = key
    failed.value = null
    try {
      loading.value = key
      const blob = await audio()
      if (current !== mine) return true
      loading.value = null
      mine.url = URL.createObjectURL(blob)
      mine.audio = createAudio(mine.url)
      mine.audio.onended = () => current === mine && stop()
      mine.audio.onerror = () => current === mine && stop()
      await mine.audio.play()
      return true
    } catch {
      if (current === mine) stop()
      return false
    }
  }

  const toggle = (message: Speakable) => {
    if (playing.peek() === message.key) return stop()
    const ready = streamed.get(message)
    void play(message.key, () =>
      ready ? Promise.resolve(ready) : options.api.speak(speechText(message.text.peek())),
    ).then((ok) => {
      if (!ok) failed.value = message.key
    })
  }

  /** For the chat store: collects and plays an answer's `tts_message` audio. */
  const onStreamEvent = (message: Speakable, event: DifyStreamEvent) => {
    if (event.event === 'tts_message') {
      if (event.audio) chunks.set(message, [...(chunks.get(message) ?? []), event.audio])
      return
    }
    if (event.event !== 'tts_message_end') return
    const parts = chunks.get(message) ?? []
    chunks.delete(message)
    let bytes: Uint8Array
    try {
      bytes = joinBase64Chunks(parts)
    } catch {
      return
    }
    if (bytes.length === 0) return
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: audioTypeOf(bytes) })
    streamed.set(message, blob)
    // Refused without a gesture, or nothing to play: the read-aloud button offers it instead.
    void play(message.key, () => Promise.resolve(blob))
  }

  return { playing, loading, failed, toggle, stop, onStreamEvent }
}

export type ReadAloud = ReturnType<typeof createReadAloud>
