import type { Directives } from './directives.ts'
import { CHAT_MESSAGE_ERRORS, difyError, httpFault, proxyErrorPage } from './dify-errors.ts'

/**
 * The whole-request faults a message's directives ask for (an HTTP error, a proxy's HTML page,
 * a catalogued Dify error), after `[[first-byte=…]]`'s wait; undefined when there is none.
 */
export async function directiveFault(
  directives: Directives,
  conversationId: string | undefined,
): Promise<Response | undefined> {
  if (directives.firstByteMs && (directives.httpError || directives.htmlError)) {
    await new Promise((resolve) => setTimeout(resolve, directives.firstByteMs))
  }
  if (directives.htmlError) return proxyErrorPage(directives.htmlError)
  if (directives.httpError) return httpFault(directives.httpError, conversationId)
  const catalogued = directives.difyError && CHAT_MESSAGE_ERRORS[directives.difyError]
  if (catalogued) return difyError(catalogued.status, directives.difyError!, catalogued.message)
  return undefined
}
