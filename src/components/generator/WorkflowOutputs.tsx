import { useGenerator } from '../../generator/generator-context.ts'
import { outputsView, type OutputFile, type OutputValue } from '../../generator/workflow-outputs.ts'
import type { WorkflowRun } from '../../generator/workflow-run.ts'
import { MarkdownContent } from '../MarkdownContent.tsx'

/** The run's result: streamed text, then its outputs (workflow-outputs.ts decides the shape). */
export function WorkflowOutputs({ run }: { run: WorkflowRun }) {
  const { t } = useGenerator()
  const view = outputsView(run)
  const labels = { copy: t('message.copyCode'), copied: t('message.codeCopied') }
  if (view.kind === 'markdown') {
    return <MarkdownContent text={view.text} streaming={run.status === 'running'} labels={labels} />
  }
  if (view.kind === 'none') {
    return run.status === 'succeeded' ? <p data-part="generator-note">{t('gen.noOutput')}</p> : null
  }
  return (
    <section data-part="outputs" aria-labelledby="chatskins-outputs-title">
      <h3 data-part="outputs-title" id="chatskins-outputs-title">
        {t('gen.outputs')}
      </h3>
      <dl data-part="output-list">
        {view.fields.map(({ name, value }) => (
          <div key={name} data-part="output" data-kind={value.kind}>
            <dt data-part="output-name">{name}</dt>
            <dd data-part="output-value">
              <OutputValueView value={value} labels={labels} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

function OutputValueView({
  value,
  labels,
}: {
  value: OutputValue
  labels: { copy: string; copied: string }
}) {
  if (value.kind === 'markdown') {
    return <MarkdownContent text={value.text} streaming={false} labels={labels} />
  }
  if (value.kind === 'text') return <pre data-part="output-text">{value.text}</pre>
  return (
    <ul data-part="output-files">
      {value.files.map((file, index) => (
        <li key={index} data-part="output-file" data-image={String(file.image)}>
          <FileView file={file} />
        </li>
      ))}
    </ul>
  )
}

function FileView({ file }: { file: OutputFile }) {
  const { t } = useGenerator()
  if (!file.url) return <span data-part="output-file-name">{file.name}</span>
  if (file.image) {
    return (
      <a href={file.url} target="_blank" rel="noopener noreferrer" data-part="output-file-link">
        <img src={file.url} alt={file.name} loading="lazy" data-part="output-image" />
      </a>
    )
  }
  return (
    <a
      href={file.url}
      target="_blank"
      rel="noopener noreferrer"
      download={file.name}
      data-part="output-file-link"
      title={t('gen.file', { name: file.name })}
    >
      {file.name}
    </a>
  )
}
