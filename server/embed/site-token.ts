/** A site user the operator's backend vouched for with the endpoint's `embedSecret`. */
export interface SiteIdentity {
  sub: string
  /** Expiry, in seconds since the epoch. */
  exp: number
}

export type SiteTokenResult =
  { ok: true; identity: SiteIdentity } | { ok: false; reason: 'malformed' | 'forged' | 'expired' }

/** Long enough for any real user id, short enough that a cookie holding the token stays small. */
const MAX_SUB = 200
const TOKEN = /^([A-Za-z0-9_-]{1,600})\.([A-Za-z0-9_-]{43})$/

/**
 * Verifies `<base64url(JSON {sub, exp})>.<base64url(HMAC-SHA256(secret, first part))>`, the token
 * the README's five lines of Node make. Nothing from the page counts without this signature.
 */
export async function verifySiteToken(
  secret: string,
  token: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<SiteTokenResult> {
  const match = TOKEN.exec(token)
  if (!match) return { ok: false, reason: 'malformed' }
  const [, payload, signature] = match as unknown as [string, string, string]
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  )
  const signatureBytes = fromBase64Url(signature)
  if (toBase64Url(signatureBytes) !== signature) return { ok: false, reason: 'forged' }
  const valid = await crypto.subtle.verify(
    'HMAC',
    key,
    signatureBytes,
    new TextEncoder().encode(payload),
  )
  if (!valid) return { ok: false, reason: 'forged' }
  let claims: unknown
  try {
    claims = JSON.parse(new TextDecoder().decode(fromBase64Url(payload)))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  const { sub, exp } = (claims ?? {}) as Record<string, unknown>
  if (typeof sub !== 'string' || sub === '' || sub.length > MAX_SUB || !Number.isFinite(exp)) {
    return { ok: false, reason: 'malformed' }
  }
  if ((exp as number) <= nowSeconds) return { ok: false, reason: 'expired' }
  return { ok: true, identity: { sub, exp: exp as number } }
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}
