/** The embed protocol's version tag (src/embedded/host-messages.ts, docs/embed.md). */
export const PROTOCOL = 1

/** From the panel to embed.js. */
export type PanelEvent =
  | { type: 'ready' }
  | { type: 'close' }
  | { type: 'answer'; text: string }
  | { type: 'identity'; ok: boolean; message?: string }

/** Posts to the host page that framed the panel, and to nobody else. */
export function tellHost(host: string, event: PanelEvent): void {
  if (window.parent !== window) window.parent.postMessage({ chatskins: PROTOCOL, ...event }, host)
}
