export const VISITOR_COOKIE = 'chatskins_visitor'

/**
 * The visitor cookie's name and path. Over https it carries the `__Host-` prefix, which browsers
 * accept only from a secure origin, without `Domain`, with `Path=/`: a sibling subdomain or a
 * plain-http page can't plant one. `Path=/` makes it reach every endpoint, so its name holds the
 * endpoint id. Over http (local trials) no prefix is possible and the path scopes it instead.
 */
export function visitorCookieFor(
  endpointId: string,
  secure: boolean,
): { name: string; path: string } {
  return secure
    ? { name: `__Host-${VISITOR_COOKIE}_${endpointId}`, path: '/' }
    : { name: VISITOR_COOKIE, path: `/${endpointId}/` }
}

/**
 * The value of the one cookie called `name` in a `Cookie` header; undefined when there is none,
 * or more than one: a second cookie of the same name was planted by someone (another path, a
 * parent domain), and neither can be told to be ours.
 */
export function singleCookie(header: string | undefined, name: string): string | undefined {
  let found: string | undefined
  let count = 0
  for (const pair of (header ?? '').split(';')) {
    const equals = pair.indexOf('=')
    if (equals < 0 || pair.slice(0, equals).trim() !== name) continue
    if (++count > 1) return undefined
    found = pair.slice(equals + 1).trim()
  }
  return found
}
