const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

export interface VisitorSigner {
  /** A cookie value `<uuid>.<signature>` bound to one endpoint. */
  sign(endpointId: string, visitorId: string): Promise<string>
  /** The visitor id if the value was signed by this secret for this endpoint, else null. */
  verify(endpointId: string, cookieValue: string): Promise<string | null>
}

/**
 * Signs visitor ids with HMAC-SHA256 (WebCrypto, so any runtime works). The endpoint id is part of
 * the signed text, so a cookie from one endpoint is worthless at another.
 */
export function createVisitorSigner(secret: string): VisitorSigner {
  if (secret.length < 16) throw new Error('the session secret must be at least 16 characters')
  const key = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )
  const signedText = (endpointId: string, visitorId: string) =>
    new TextEncoder().encode(`chatskins-visitor\n${endpointId}\n${visitorId}`)

  return {
    async sign(endpointId, visitorId) {
      const signature = await crypto.subtle.sign(
        'HMAC',
        await key,
        signedText(endpointId, visitorId),
      )
      return `${visitorId}.${toBase64Url(new Uint8Array(signature))}`
    },
    async verify(endpointId, cookieValue) {
      const [visitorId, signature, ...rest] = cookieValue.split('.')
      if (!visitorId || !signature || rest.length > 0 || !UUID.test(visitorId)) return null
      const bytes = fromBase64Url(signature)
      // Only the canonical spelling: the last character's unused bits must not vary.
      if (!bytes || toBase64Url(bytes) !== signature) return null
      const valid = await crypto.subtle.verify(
        'HMAC',
        await key,
        bytes,
        signedText(endpointId, visitorId),
      )
      return valid ? visitorId : null
    },
  }
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return null
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}
