import type { AppParameters } from './app-parameters.ts'

type Welcome = Pick<AppParameters, 'openingStatement' | 'suggestedQuestions'>

/**
 * The greeting and starter questions as last loaded, per endpoint in localStorage (per host site
 * in an embed panel, where the browser partitions storage): a returning visitor sees them at
 * once, before `/parameters` answers and replaces them. A greeting with `{{variables}}` waits for
 * the inputs form, which fills them. Quiet where storage is blocked.
 */
export function createWelcomeCache(
  endpointId: string,
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null,
) {
  const key = `chatskins:${endpointId}:welcome`
  const store = () => (storage === undefined ? localStorage : storage)
  return {
    read(): Welcome | null {
      try {
        const cached = JSON.parse(store()!.getItem(key)!) as unknown[]
        const [openingStatement, ...suggestedQuestions] = cached as string[]
        return cached.every((text) => typeof text === 'string')
          ? { openingStatement: openingStatement!, suggestedQuestions }
          : null
      } catch {
        return null
      }
    },
    write({ openingStatement, suggestedQuestions }: Welcome): void {
      const greeting = openingStatement.includes('{{') ? '' : openingStatement
      try {
        store()?.setItem(key, JSON.stringify([greeting, ...suggestedQuestions]))
      } catch {
        // Private mode or full storage: the welcome waits for `/parameters` next time.
      }
    },
  }
}
