/**
 * The panel ↔ host page protocol (docs/embed.md): plain objects tagged `chatskins: 1`, posted to
 * one exact origin and accepted only from one exact window and origin, in both directions.
 */
import { PROTOCOL } from './tell-host.ts'

/** From the host page's embed.js to the panel. */
export type HostCommand =
  | { type: 'open' }
  | { type: 'send'; text: string }
  | { type: 'inputs'; values: Record<string, string> }
  | { type: 'identify'; token: string }
  | { type: 'logout' }

/** A command, if `event` is one from the framing window at the host origin; otherwise null. */
export function commandFrom(event: MessageEvent, host: string): HostCommand | null {
  if (event.source !== window.parent || event.origin !== host) return null
  const data = event.data as Record<string, unknown> | null
  if (!data || typeof data !== 'object' || data.chatskins !== PROTOCOL) return null
  switch (data.type) {
    case 'open':
    case 'logout':
      return { type: data.type }
    case 'send':
      return typeof data.text === 'string' ? { type: 'send', text: data.text } : null
    case 'identify':
      return typeof data.token === 'string' ? { type: 'identify', token: data.token } : null
    case 'inputs':
      return isStringRecord(data.values) ? { type: 'inputs', values: data.values } : null
    default:
      return null
  }
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string')
  )
}
