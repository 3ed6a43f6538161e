export interface SecurityHeaderOptions {
  /** `npm run dev`: Vite injects styles as <style> elements and talks HMR over a websocket. */
  dev?: boolean
  /**
   * Origins an endpoint's page shows images from besides https ones: its Dify's, whose file URLs
   * (made absolute by the server) may be plain http on a self-hosted Dify.
   */
  imageOrigins?: readonly string[]
}

/**
 * Headers every response carries. The CSP allows no inline script at all: the boot data is inert
 * JSON and the client bundle is a same-origin file. Styles set through the CSSOM stay allowed.
 */
export function securityHeaders({
  dev = false,
  imageOrigins = [],
}: SecurityHeaderOptions = {}): Record<string, string> {
  const extraImages = imageOrigins.filter((origin) => !origin.startsWith('https:'))
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    ["img-src 'self' data: blob: https:", ...extraImages].join(' '),
    "media-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ')
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}
