import type { CompletionResult } from '../../generator/generator-store.ts'
import { useGenerator } from '../../generator/generator-context.ts'
import { MarkdownContent } from '../MarkdownContent.tsx'
import { ResultActions } from './ResultActions.tsx'
import { ResultMeta } from './ResultMeta.tsx'

/** Every completion of this visit, newest first, each kept as it ended. */
export function CompletionResults() {
  const { store, t } = useGenerator()
  const results = store.results.value
  if (results.length === 0) return <p data-part="generator-empty">{t('gen.empty')}</p>
  return (
    <ol data-part="result-list">
      {results.map((result) => (
        <li key={result.key} data-part="result-item">
          <CompletionCard result={result} />
        </li>
      ))}
    </ol>
  )
}

function CompletionCard({ result }: { result: CompletionResult }) {
  const { t } = useGenerator()
  const run = result.run.value
  const streaming = run.status === 'running'
  return (
    <article
      data-part="result"
      data-kind="completion"
      data-status={run.status}
      aria-busy={streaming}
    >
      <ResultMeta status={run.status} totalTokens={run.totalTokens} />
      {run.text !== '' && (
        <MarkdownContent
          text={run.text}
          streaming={streaming}
          labels={{ copy: t('message.copyCode'), copied: t('message.codeCopied') }}
        />
      )}
      {!streaming && <ResultActions text={run.text} rateable={result} speakable={result} canSave />}
    </article>
  )
}
