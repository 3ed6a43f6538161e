/** Tells the server a request comes from an embed panel, so it uses the panel's own identity. */
let headers: Record<string, string> = {}

export function markEmbedRequests(): void {
  headers = { 'X-Chatskins-Embed': '1' }
}

export function embedRequestHeaders(): Record<string, string> {
  return headers
}
