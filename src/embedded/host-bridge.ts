import { jsonBody, requestEndpoint } from '../api/request-json.ts'
import type { AppFeatures } from '../app/app-features.ts'
import { commandFrom, type HostCommand } from './host-messages.ts'
import { tellHost } from './tell-host.ts'

export interface HostBridgeOptions {
  endpointId: string
  host: string
  features: AppFeatures
  /** Forgets what this browser keeps of the visitor (conversation, runs) before a reload. */
  forget: () => void
  /** The id of the field `open` focuses: the chat's composer, a generator's first input. */
  focusId: string
  /** The host page's `send(text)`; a page without a composer has none and ignores it. */
  send?: (text: string) => void
  /** Calls `tell` with the text of each answer (or run) that finished. */
  watchAnswers: (tell: (text: string) => void) => void
}

/**
 * The panel's side of the embed: runs the host page's commands, tells it when to close (Esc, the
 * header's close button) and when an answer is done. A new identity reloads the panel, so nothing
 * of the previous visitor stays on screen or in memory.
 */
export function connectHost(options: HostBridgeOptions) {
  const { endpointId, host, features } = options
  const restartAs = () => {
    options.forget()
    location.reload()
  }
  const run = async (command: HostCommand) => {
    switch (command.type) {
      case 'open':
        return focusWhenShown(options.focusId)
      case 'send':
        return options.send?.(command.text)
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
  options.watchAnswers((text) => tellHost(host, { type: 'answer', text }))
  // Commands flow at once: the store takes a question before the first render, and an `open`
  // that comes before the field focuses it as it appears. So a cold open waits for no round
  // trip through the host page after the render.
  tellHost(host, { type: 'ready' })
}

/** Focuses a field, now or (in a panel opened before its first render) when it appears. */
function focusWhenShown(id: string): void {
  const field = () => document.getElementById(id)
  if (field()) return field()!.focus()
  // Watched, not polled by animation frames: a hidden, preloaded panel gets none.
  const observer = new MutationObserver(() => {
    if (!field()) return
    observer.disconnect()
    // Focused only once painted: a field focused before a cross-process panel's first frame
    // may not get the text Chromium commits to it (an input method's, Playwright's `fill`).
    // The panel is shown by now (`open`), so it gets its frames.
    requestAnimationFrame(() => setTimeout(() => field()?.focus()))
  })
  observer.observe(document.body, { childList: true, subtree: true })
}
