import { jsonBody, requestEndpoint } from '../api/request-json.ts'
import type { AppFeatures } from '../app/app-features.ts'
import { effect, untracked } from '@preact/signals'
import type { ChatStore } from '../chat/chat-store.ts'
import type { ConversationStorage } from '../conversations/conversation-storage.ts'
import { commandFrom, type HostCommand } from './host-messages.ts'
import { tellHost } from './tell-host.ts'

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
        return focusComposerWhenShown()
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
  // A turn is over: its answer, if it finished, goes to the host page's `on('answer')`.
  let wasBusy = false
  effect(() => {
    const busy = store.busy.value
    const last = untracked(() => store.messages.value.at(-1))
    if (wasBusy && !busy && last?.role === 'bot' && last.status.peek() === 'done') {
      tellHost(host, { type: 'answer', text: last.text.peek() })
    }
    wasBusy = busy
  })
  // Commands flow at once: the store takes a question before the first render, and an `open`
  // that comes before the composer focuses it as it appears. So a cold open waits for no round
  // trip through the host page after the render.
  tellHost(host, { type: 'ready' })
}

/** Focuses the composer, now or (in a panel opened before its first render) when it appears. */
function focusComposerWhenShown(): void {
  const composer = () => document.getElementById('chatskins-input')
  if (composer()) return composer()!.focus()
  // Not by animation frames: a hidden, preloaded panel gets none.
  const observer = new MutationObserver(() => {
    if (!composer()) return
    observer.disconnect()
    composer()!.focus()
  })
  observer.observe(document.body, { childList: true, subtree: true })
}
