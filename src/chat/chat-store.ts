import { batch, computed, signal } from '@preact/signals'
import type { ChatError } from '../api/chat-error.ts'
import { isChatError, type EndpointApi, type TalkResponse } from '../api/endpoint-api.ts'
import type { DifyStreamEvent } from '../../contract/dify-wire.ts'
import { createMessage, type ChatMessage } from './chat-message.ts'
import { applyMessageEvent } from './message-events.ts'
import type { ConversationStorage } from '../conversations/conversation-storage.ts'

export type ChatPhase = 'idle' | 'sending' | 'streaming' | 'stopping'

export interface ChatStoreOptions {
  api: EndpointApi
  storage: ConversationStorage
  /** Batches answer text into one update per frame; tests pass a synchronous one. */
  scheduleFrame?: (callback: () => void) => void
  now?: () => number
  /** After Stop, how long Dify gets to end the stream before the client cuts it. */
  stopGraceMs?: number
  /** The app's input variables (docs/dify-wire.md#parameters), sent with every turn. */
  getInputs?: () => Record<string, unknown>
  /**
   * Files attached to the next message (`/talk` `files`), taken when a turn starts: `question`
   * is the new user message, or undefined when Regenerate asks the last question again.
   */
  takeFiles?: (question: ChatMessage | undefined) => Array<Record<string, unknown>>
  /** A turn failed before any answer: its files go back to the composer, like its text. */
  restoreFiles?: (files: Array<Record<string, unknown>>) => void
  /** Sees every stream event of a turn, e.g. to play `tts_message` audio. */
  onStreamEvent?: (message: ChatMessage, event: DifyStreamEvent) => void
  /**
   * Whether the inputs may go; false sends nothing and keeps the draft (the form says why). A
   * promise while the form is still loading, so a quick first message waits for its inputs.
   */
  checkInputs?: () => boolean | Promise<boolean>
  /** After each answer that finished normally (e.g. to fetch its follow-up questions). */
  onAnswer?: (answer: ChatMessage) => void
}

interface ActiveTurn {
  query: string
  controller: AbortController
  bot: ChatMessage
  taskId: string | undefined
  unflushed: string
  frameRequested: boolean
  stopDeadline: ReturnType<typeof setTimeout> | undefined
  /** Regenerate: the answer this one replaces, put back if the new one brings nothing. */
  replacing: ChatMessage | undefined
  /** Uploaded files sent with this turn (and again if it is resent to a new conversation). */
  files: Array<Record<string, unknown>>
  /** The server's id for the `/talk` request streaming this answer. */
  requestId: string | undefined
}

/** Finished answers can be asked again; one loaded from history finds its question before it. */
const REGENERABLE: ReadonlySet<string> = new Set(['done', 'stopped', 'error'])

/**
 * The conversation of one endpoint: messages, the current turn and its phase, the composer draft.
 * `send` streams one answer from `/talk`; `regenerate` asks the last question again in place of
 * its answer; `stop` asks Dify to stop and keeps the partial answer;
 * `newChat` forgets the conversation, `switchConversation` shows another (history fills it in).
 * A failure keeps the user's text in the draft, unless its kept answer offers Regenerate.
 */
export function createChatStore(options: ChatStoreOptions) {
  const { api, storage } = options
  const scheduleFrame = options.scheduleFrame ?? ((callback) => requestAnimationFrame(callback))
  const now = options.now ?? Date.now
  const stopGraceMs = options.stopGraceMs ?? 4000
  const getInputs = options.getInputs ?? (() => ({}))
  const takeFiles = options.takeFiles ?? (() => [])
  const checkInputs = options.checkInputs ?? (() => true)
  const onAnswer = options.onAnswer ?? (() => {})

  const messages = signal<ChatMessage[]>([])
  const conversationId = signal<string | null>(storage.read())
  const phase = signal<ChatPhase>('idle')
  const error = signal<ChatError | null>(null)
  const draft = signal('')
  /** The last finished answer, for the polite live region. */
  const announcement = signal('')
  const busy = computed(() => phase.value !== 'idle')
  /** The question Regenerate would ask again, when the last answer may be regenerated. */
  const regenerableQuery = computed(() => {
    const list = messages.value
    const last = list.at(-1)
    if (busy.value || last?.role !== 'bot' || !REGENERABLE.has(last.status.value)) return undefined
    const before = list.at(-2)
    return last.query ?? (before?.role === 'user' ? before.text.value : undefined)
  })
  let turn: ActiveTurn | null = null

  const flushText = (active: ActiveTurn) => {
    active.frameRequested = false
    if (!active.unflushed) return
    active.bot.text.value += active.unflushed
    active.unflushed = ''
  }

  const appendAnswer = (active: ActiveTurn, delta: string) => {
    active.unflushed += delta
    if (active.frameRequested) return
    active.frameRequested = true
    scheduleFrame(() => flushText(active))
  }

  const rememberConversation = (id: string | undefined) => {
    if (!id || conversationId.value === id) return
    conversationId.value = id
    storage.write(id)
  }

  const handleEvent = (active: ActiveTurn, event: DifyStreamEvent) => {
    if (turn !== active) return
    rememberConversation(event.conversation_id)
    active.taskId ??= event.task_id
    applyMessageEvent(active.bot, event)
    options.onStreamEvent?.(active.bot, event)
    if (phase.value === 'stopping') return
    if (phase.value === 'sending') phase.value = 'streaming'
    switch (event.event) {
      case 'message':
      case 'agent_message':
        active.bot.status.value = 'streaming'
        appendAnswer(active, event.answer)
        break
      case 'message_replace':
        active.unflushed = ''
        active.bot.text.value = event.answer
        break
      case 'error':
        throw {
          code: event.code,
          status: event.status,
          message: event.message,
          requestId: active.requestId,
        } satisfies ChatError
    }
  }

  const failTurn = (active: ActiveTurn, failure: ChatError) => {
    flushText(active)
    const answered = active.bot.text.value !== ''
    // A kept answer Dify knows offers Regenerate: the question going back into the composer
    // too would only mix with the next one.
    const offersRegenerate = answered && active.bot.difyId.value !== undefined
    batch(() => {
      if (answered) {
        active.bot.status.value = 'error'
        active.bot.error.value = failure
      } else if (active.replacing) {
        const previous = active.replacing
        messages.value = messages.value.map((message) =>
          message === active.bot ? previous : message,
        )
      } else {
        messages.value = messages.value.filter((message) => message !== active.bot)
        const user = messages.value.at(-1)
        if (user?.role === 'user') user.status.value = 'failed'
      }
      error.value = failure
      if (draft.value.trim() === '' && !active.replacing && !offersRegenerate) {
        draft.value = active.query
      }
      if (!answered && !active.replacing && active.files.length > 0) {
        options.restoreFiles?.(active.files)
      }
    })
  }

  const runTurn = async (active: ActiveTurn) => {
    // The stream reader (eventsource-parser) is off the first load: fetched beside the request.
    const streamReader = import('../api/read-talk-stream.ts')
    streamReader.catch(() => {}) // a failed fetch surfaces where it is awaited, not as unhandled
    const sentConversation = conversationId.value
    let response: TalkResponse
    try {
      response = await api.talk(
        {
          query: active.query,
          inputs: getInputs(),
          ...(active.files.length > 0 ? { files: active.files } : {}),
          ...(sentConversation ? { conversation_id: sentConversation } : {}),
        },
        active.controller.signal,
      )
    } catch (failure) {
      if (isChatError(failure) && failure.code === 'conversation_not_found' && sentConversation) {
        // The stored conversation is gone (deleted, expired, other Dify app): start a new one
        // with the same message instead of making the user retype it.
        conversationId.value = null
        storage.clear()
        return runTurn(active)
      }
      throw failure
    }
    active.requestId = response.requestId
    const { readTalkStream } = await streamReader
    await readTalkStream(response.body, (event) => handleEvent(active, event))
  }

  let waitingForInputs = false
  /** Synchronous once the form has loaded, so a turn shows at once; else one send waits for it. */
  const inputsMayGo = (): boolean | Promise<boolean> => {
    if (waitingForInputs) return false
    const allowed = checkInputs()
    if (typeof allowed === 'boolean') return allowed
    waitingForInputs = true
    return allowed.finally(() => (waitingForInputs = false))
  }

  const send = async (text: string = draft.value) => {
    const query = text.trim()
    if (!query || turn) return
    const allowed = inputsMayGo()
    if (allowed !== true && !(await allowed)) return
    const user = createMessage('user', query, 'done', now())
    await answer(query, undefined, user, (bot) => [
      ...messages.value.filter((message) => message.status.value !== 'failed'),
      user,
      bot,
    ])
  }

  /** Asks the last question again; the new answer takes the last one's place on screen. */
  const regenerate = async () => {
    const query = regenerableQuery.value
    const last = messages.value.at(-1)
    if (!query || !last || turn) return
    const allowed = inputsMayGo()
    if (allowed !== true && !(await allowed)) return
    await answer(query, last, undefined, (bot) => [...messages.value.slice(0, -1), bot])
  }

  const answer = async (
    query: string,
    replacing: ChatMessage | undefined,
    question: ChatMessage | undefined,
    show: (bot: ChatMessage) => ChatMessage[],
  ) => {
    const bot = createMessage('bot', '', 'pending', now(), { query })
    const active: ActiveTurn = {
      query,
      controller: new AbortController(),
      bot,
      taskId: undefined,
      unflushed: '',
      frameRequested: false,
      stopDeadline: undefined,
      replacing,
      files: takeFiles(question),
      requestId: undefined,
    }
    turn = active
    batch(() => {
      messages.value = show(bot)
      error.value = null
      if (!replacing) draft.value = ''
      phase.value = 'sending'
    })
    try {
      await runTurn(active)
      flushText(active)
      if (active.bot.status.value === 'pending' || active.bot.status.value === 'streaming') {
        active.bot.status.value = phase.value === 'stopping' ? 'stopped' : 'done'
      }
    } catch (failure) {
      if (active.controller.signal.aborted) {
        flushText(active)
        active.bot.status.value = 'stopped'
      } else {
        failTurn(
          active,
          isChatError(failure)
            ? failure
            : {
                code: 'stream_broken',
                status: 0,
                message: String(failure),
                requestId: active.requestId,
              },
        )
      }
    } finally {
      clearTimeout(active.stopDeadline)
      if (turn === active) {
        turn = null
        batch(() => {
          phase.value = 'idle'
          if (active.bot.status.value === 'done') announcement.value = active.bot.text.value
        })
        if (active.bot.status.value === 'done') onAnswer(active.bot)
      }
    }
  }

  const stop = () => {
    const active = turn
    if (!active || phase.value === 'stopping') return
    flushText(active)
    phase.value = 'stopping'
    active.bot.status.value = 'stopped'
    if (!active.taskId) return active.controller.abort()
    // Dify ends the stream with message_end once it sees the stop (docs/dify-wire.md#stop); if it
    // doesn't within the grace period, cut the connection: the server then stops the task too.
    active.stopDeadline = setTimeout(() => active.controller.abort(), stopGraceMs)
    api.stop(active.taskId).catch(() => active.controller.abort())
  }

  /** Leaves the conversation shown (aborting its turn) for another one, or for a new chat. */
  const switchConversation = (id: string | null) => {
    turn?.controller.abort()
    turn = null
    batch(() => {
      phase.value = 'idle'
      messages.value = []
      conversationId.value = id
      error.value = null
      announcement.value = ''
    })
    if (id) storage.write(id)
    else storage.clear()
  }

  /** Puts earlier messages of this conversation (from history) before the ones shown. */
  const prependMessages = (older: ChatMessage[]) => {
    if (older.length > 0) messages.value = [...older, ...messages.value]
  }

  return {
    messages,
    conversationId,
    phase,
    error,
    draft,
    announcement,
    busy,
    regenerableQuery,
    send,
    regenerate,
    stop,
    newChat: () => switchConversation(null),
    switchConversation,
    prependMessages,
    dismissError: () => (error.value = null),
  }
}

export type ChatStore = ReturnType<typeof createChatStore>
