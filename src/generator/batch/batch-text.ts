import { errorMessageKey, type ChatError } from '../../api/chat-error.ts'
import type { Translate } from '../../i18n/translate.ts'
import type { BatchCellProblem, BatchFileProblem } from './batch-problems.ts'
import type { BatchTranslate } from './i18n/load-batch-translator.ts'

/** The page's words (errors, the inputs form's checks) and the batch panel's own. */
export interface BatchWords {
  t: Translate
  tb: BatchTranslate
}

/** Why a file was refused, in one message. `header` is what the template's header row holds. */
export function fileProblemText(
  problem: BatchFileProblem,
  header: readonly string[],
  { tb }: BatchWords,
): string {
  switch (problem.code) {
    case 'tooBig':
      return tb('batch.file.tooBig', { max: String(problem.maxMb) })
    case 'tooManyRows':
      return tb('batch.file.tooManyRows', { max: problem.max.toLocaleString() })
    case 'badHeader': {
      const parts = [tb('batch.file.badHeader', { expected: header.join(', ') })]
      const named = (key: Parameters<BatchTranslate>[0], names: string[]) => {
        if (names.length > 0) parts.push(tb(key, { names: names.map(quote).join(', ') }))
      }
      named('batch.header.missing', problem.missing)
      named('batch.header.unknown', problem.unknown)
      named('batch.header.repeated', problem.repeated)
      return parts.join(' ')
    }
    default:
      return tb(`batch.file.${problem.code}`)
  }
}

/** One cell's problem, worded as the single-run form words it. */
export function cellProblemText(problem: BatchCellProblem['problem'], { t, tb }: BatchWords) {
  switch (problem.code) {
    case 'cellCount':
      return tb('batch.problem.cellCount', {
        found: String(problem.found),
        expected: String(problem.expected),
      })
    case 'notYesNo':
      return tb('batch.problem.notYesNo')
    case 'tooLong':
    case 'tooManyLinks':
      return t(`inputs.${problem.code}`, { max: String(problem.max) })
    default:
      return t(`inputs.${problem.code}`)
  }
}

/**
 * Why a row failed. The server's limits get words of their own, since a batch meets them as a
 * matter of course and the way out (wait, then retry the row) differs from a chat's; a failed
 * workflow shows Dify's own message about the node that failed.
 */
export function rowErrorText(error: ChatError, { t, tb }: BatchWords): string {
  if (error.code === 'too_many_streams') return tb('batch.error.tooManyStreams')
  if (error.status === 429) return tb('batch.error.slowDown')
  if (error.code === 'workflow_failed' && error.message) return error.message
  return t(errorMessageKey(error))
}

function quote(name: string): string {
  return name === '' ? '""' : `"${name}"`
}
