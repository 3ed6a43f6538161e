import { OpenAiError } from './openai-error.ts'

/** A short, stable, non-secret name of the key that called (for limits, users and digests). */
export type KeyId = string

export type KeyChecker = (authorization: string | undefined) => Promise<KeyId>

/**
 * Checks `Authorization: Bearer <key>` against the endpoint's keys (WebCrypto, so any runtime
 * works). The candidate is hashed and compared with every key's hash byte by byte without an
 * early exit, so neither the time nor the position of a match tells anything about the keys.
 */
export function createKeyChecker(keys: readonly string[]): KeyChecker {
  const known = Promise.all(keys.map(async (key) => ({ digest: await sha256(key) })))
  const ids = Promise.all(keys.map(keyIdOf))
  return async (authorization) => {
    const [scheme, key] = (authorization ?? '').trim().split(/\s+(.*)/s)
    if (!key || scheme?.toLowerCase() !== 'bearer') {
      throw new OpenAiError(
        401,
        'authentication_error',
        'Missing API key: send "Authorization: Bearer <key>".',
        'missing_api_key',
      )
    }
    const candidate = await sha256(key.trim())
    let found = -1
    for (const [index, { digest }] of (await known).entries()) {
      if (sameBytes(digest, candidate) && found < 0) found = index
    }
    if (found < 0) {
      throw new OpenAiError(
        401,
        'authentication_error',
        'Incorrect API key provided.',
        'invalid_api_key',
      )
    }
    return (await ids)[found]!
  }
}

/** The first 12 hex digits of a salted SHA-256: tells keys apart, tells nothing about one. */
export async function keyIdOf(key: string): Promise<KeyId> {
  return hex(await sha256(`chatskins-key-id\n${key}`)).slice(0, 12)
}

/** Equal-length digests compared in constant time: every byte is read whatever differs. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ (b[i] ?? 0)
  return difference === 0
}

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
