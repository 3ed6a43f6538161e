import { Avatar } from '../Avatar.tsx'
import { RESULTS_ID, useGenerator } from '../../generator/generator-context.ts'
import { EmbedCloseButton } from '../EmbedCloseButton.tsx'
import { ErrorBanner } from '../ErrorNotice.tsx'
import { GeneratorTabs } from './GeneratorTabs.tsx'
import { generatorTabs } from './generator-tabs.ts'
import { CompletionResults } from './CompletionResults.tsx'
import { RunStatus } from './RunStatus.tsx'
import { WorkflowResult } from './WorkflowResult.tsx'
import { SkipLink } from '../SkipLink.tsx'

/**
 * A text generator's page: the form (and any other tab) on one side, the results on the other;
 * one column on phones. The same DOM for every theme: each pack gives it its own look.
 */
export function GeneratorPage() {
  const { boot, store, t } = useGenerator()
  return (
    <div data-part="generator" data-app={store.kind} data-busy={String(store.busy.value)}>
      <SkipLink target={RESULTS_ID}>{t('gen.results')}</SkipLink>
      <header data-part="generator-header">
        {boot.layout.headerAvatar && <Avatar name={boot.botName} />}
        <h1 data-part="bot-name">{t('gen.title', { bot: boot.botName })}</h1>
        {boot.embed && <EmbedCloseButton host={boot.embed.host} />}
      </header>
      <main data-part="generator-body">
        <GeneratorTabs tabs={generatorTabs(store.kind)} />
        <section
          data-part="generator-output"
          id={RESULTS_ID}
          aria-labelledby={`${RESULTS_ID}-title`}
        >
          <h2 data-part="generator-output-title" id={`${RESULTS_ID}-title`}>
            {t('gen.results')}
          </h2>
          <ErrorBanner error={store.error.value} onDismiss={store.dismissError} />
          {store.kind === 'completion' ? <CompletionResults /> : <WorkflowResult />}
        </section>
      </main>
      <RunStatus />
    </div>
  )
}
