import { jsonBody, requestEndpoint } from '../api/request-json.ts'
import type { AppFeatures } from '../app/app-features.ts'
import type { ChatMessage } from '../chat/chat-message.ts'
import type { ChatStore } from '../chat/chat-store.ts'
import type { ConversationStorage } from '../conversations/conversation-storage.ts'
import { commandFrom, tellHost, type HostCommand } from './host-messages.ts'

export interface HostBridgeOptions {
  endpointId: string
  host: string
  store: ChatStore
  features: AppFeatures
  storage: ConversationStorage
}

/**
 * The panel's side of the embed: runs the host page's commands, tells it when to close (Esc, the
 * header's close button) and when an answer is done. A new identity reloads the panel, so nothing
 * of the previous visitor stays on screen or in memory.
 */
export function connectHost(options: HostBridgeOptions) {
  const { endpointId, host, store, features, storage } = options
  const restartAs = () => {
    storage.clear()
    location.reload()
  }
  const run = async (command: HostCommand) => {
    switch (command.type) {
      case 'open':
        document.getElementById('chatskins-input')?.focus()
        return
      case 'send':
        return store.send(command.text)
      case 'inputs': {
        await features.load()
        const state = features.inputs.peek()
        for (const [variable, value] of Object.entries(command.values)) state?.set(variable, value)
        return
      }
      case 'identify':
        try {
          const response = await requestEndpoint(endpointId, '/api/embed/identify', {
            method: 'POST',
            ...jsonBody({ token: command.token }),
          })
          tellHost(host, { type: 'identity', ok: true })
          if (((await response.json()) as { changed?: boolean }).changed) restartAs()
        } catch (error) {
          tellHost(host, { type: 'identity', ok: false, message: (error as Error).message })
        }
        return
      case 'logout':
        await requestEndpoint(endpointId, '/api/embed/logout', { method: 'POST' }).catch(() => {})
        restartAs()
    }
  }
  addEventListener('message', (event) => {
    const command = commandFrom(event, host)
    if (command) void run(command)
  })
  // Esc in the conversation drawer closes the drawer only; anywhere else it closes the panel.
  addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return
    tellHost(host, { type: 'close' })
  })
  return {
    /** Call once the chat is on screen: the host page's commands start flowing then. */
    ready: () => tellHost(host, { type: 'ready' }),
    answered: (message: ChatMessage) =>
      tellHost(host, { type: 'answer', text: message.text.peek() }),
  }
}

export type HostBridge = ReturnType<typeof connectHost>
