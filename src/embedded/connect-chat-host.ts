import { effect, untracked } from '@preact/signals'
import type { AppFeatures } from '../app/app-features.ts'
import type { ChatStore } from '../chat/chat-store.ts'
import type { ConversationStorage } from '../conversations/conversation-storage.ts'
import { connectHost } from './host-bridge.ts'

export interface ChatHostOptions {
  endpointId: string
  host: string
  store: ChatStore
  features: AppFeatures
  storage: ConversationStorage
}

/** A chat in an embed panel: `send` asks in the composer, each finished answer goes to the host. */
export function connectChatHost(options: ChatHostOptions): void {
  const { store, storage } = options
  connectHost({
    endpointId: options.endpointId,
    host: options.host,
    features: options.features,
    forget: () => storage.clear(),
    focusId: 'chatskins-input',
    send: (text) => void store.send(text),
    watchAnswers: (tell) => {
      let wasBusy = false
      effect(() => {
        const busy = store.busy.value
        const last = untracked(() => store.messages.value.at(-1))
        if (wasBusy && !busy && last?.role === 'bot' && last.status.peek() === 'done') {
          tell(last.text.peek())
        }
        wasBusy = busy
      })
    },
  })
}
