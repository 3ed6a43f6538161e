/**
 * An incoming `X-Request-Id` is kept only when it is 8-64 of `A-Z a-z 0-9 _ -`: enough for the
 * ids load balancers and tracing systems make, and nothing that could forge a log line or carry
 * markup into the page.
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

/** The id of one request: the caller's when it is well-formed, else 16 fresh hex digits. */
export function requestIdFor(incoming: string | undefined): string {
  if (incoming !== undefined && REQUEST_ID_PATTERN.test(incoming)) return incoming
  return crypto.randomUUID().replaceAll('-', '').slice(0, 16)
}
