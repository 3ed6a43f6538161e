import { useGenerator } from '../../generator/generator-context.ts'
import { copyableText } from '../../generator/workflow-outputs.ts'
import type { NodeTrace } from '../../generator/workflow-run.ts'
import { ResultActions } from './ResultActions.tsx'
import { ResultMeta } from './ResultMeta.tsx'
import { STATUS_KEY } from './run-status.ts'
import { WorkflowOutputs } from './WorkflowOutputs.tsx'

/** The latest workflow run: its node progress, its outputs or error, and what it took. */
export function WorkflowResult() {
  const { store, t } = useGenerator()
  const run = store.workflow.value
  if (!run) return <p data-part="generator-empty">{t('gen.empty')}</p>
  const running = run.status === 'running'
  return (
    <article data-part="result" data-kind="workflow" data-status={run.status} aria-busy={running}>
      {store.restored.value && <p data-part="result-restored">{t('gen.restored')}</p>}
      <ResultMeta
        status={run.status}
        elapsedTime={run.elapsedTime}
        totalTokens={run.totalTokens}
        totalSteps={run.totalSteps}
      />
      {run.nodes.length > 0 && <NodeList nodes={run.nodes} />}
      {run.error && <p data-part="result-error">{run.error}</p>}
      <WorkflowOutputs run={run} />
      {!running && <ResultActions text={copyableText(run)} />}
    </article>
  )
}

function NodeList({ nodes }: { nodes: NodeTrace[] }) {
  const { t } = useGenerator()
  return (
    <section data-part="nodes" aria-labelledby="chatskins-nodes-title">
      <h3 data-part="nodes-title" id="chatskins-nodes-title">
        {t('gen.nodes')}
      </h3>
      <ol data-part="node-list">
        {nodes.map((node) => (
          <li
            key={node.nodeId}
            data-part="node"
            data-status={node.status}
            data-type={node.nodeType}
          >
            <span data-part="node-title">{node.title || node.nodeType}</span>
            {node.rounds !== undefined && (
              <span data-part="node-rounds">{t('gen.rounds', { count: String(node.rounds) })}</span>
            )}
            {node.elapsedTime !== undefined && (
              <span data-part="node-time">
                {t('gen.seconds', { seconds: node.elapsedTime.toFixed(2) })}
              </span>
            )}
            <span data-part="node-state">{t(STATUS_KEY[node.status])}</span>
            {node.error && <span data-part="node-error">{node.error}</span>}
          </li>
        ))}
      </ol>
    </section>
  )
}
