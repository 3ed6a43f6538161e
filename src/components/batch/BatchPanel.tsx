import { signal } from '@preact/signals'
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { GeneratorKind, RunApi } from '../../api/run-api.ts'
import type { FileField, InputField } from '../../inputs/inputs.ts'
import type { Translate } from '../../i18n/translate.ts'
import { batchColumns, batchHeader } from '../../generator/batch/batch-columns.ts'
import { MAX_BATCH_ROWS } from '../../generator/batch/batch-limits.ts'
import type { BatchCellProblem, BatchFileProblem } from '../../generator/batch/batch-problems.ts'
import { createBatchRunner, type BatchRunner } from '../../generator/batch/batch-runner.ts'
import { batchTemplateCsv } from '../../generator/batch/batch-template.ts'
import { fileProblemText, type BatchWords } from '../../generator/batch/batch-text.ts'
import { checkBatchRows } from '../../generator/batch/check-batch-rows.ts'
import { downloadText } from '../../generator/batch/download-text.ts'
import {
  loadBatchTranslator,
  type BatchTranslate,
} from '../../generator/batch/i18n/load-batch-translator.ts'
import { parseBatchCsv } from '../../generator/batch/parse-batch-csv.ts'
import { nextTask } from '../../generator/batch/next-task.ts'
import { readBatchFile } from '../../generator/batch/read-batch-file.ts'
import { createBatchRowRun } from '../../generator/batch/run-batch-row.ts'
import { BatchCellProblems } from './BatchCellProblems.tsx'
import { BatchControls } from './BatchControls.tsx'
import { BatchRowList } from './BatchRowList.tsx'
import './batch.css'

export interface BatchPanelProps {
  /** Names the downloaded files. */
  endpointId: string
  kind: GeneratorKind
  /** The page's run API: each row is one run over its `/run` and stop routes. */
  api: Pick<RunApi, 'run' | 'stop'>
  locale: string
  /** Rows at once: the page's boot data `batchConcurrency`. */
  concurrency: number
  fields: readonly InputField[]
  fileFields: readonly FileField[]
  /** The page's translator: errors and the inputs form's checks. */
  t: Translate
}

type Stage =
  | { name: 'choose' }
  | { name: 'reading'; fileName: string }
  | { name: 'refused'; problem: BatchFileProblem }
  | { name: 'problems'; cellProblems: BatchCellProblem[] }
  | { name: 'ready'; fileName: string; runner: BatchRunner }

const translators = new Map<string, Promise<BatchTranslate>>()
/**
 * The page's batch, kept by the module rather than the component: switching to another tab
 * and back finds the batch where it is, still running.
 */
const current = signal<Stage>({ name: 'choose' })

/**
 * Batch runs (docs/app-types.md#batch-runs): a CSV template made from the form, an upload
 * checked in full before anything runs, then every row run over `/run` a few at a time, with
 * progress per row, Stop all, Retry and the results as CSV. Loaded only when its tab opens.
 */
export default function BatchPanel(props: BatchPanelProps) {
  const [tb, setTb] = useState<BatchTranslate>()
  const stage = current.value
  const setStage = (next: Stage) => (current.value = next)
  const columns = useMemo(
    () => batchColumns(props.fields, props.fileFields),
    [props.fields, props.fileFields],
  )

  useEffect(() => {
    let loading = translators.get(props.locale)
    if (!loading) translators.set(props.locale, (loading = loadBatchTranslator(props.locale)))
    // A function given to a state setter is an updater: wrap the translator.
    void loading.then((translate) => setTb(() => translate))
  }, [props.locale])

  if (!tb) return null
  const words: BatchWords = { t: props.t, tb }
  const runner = stage.name === 'ready' ? stage.runner : undefined
  const busy =
    stage.name === 'reading' ||
    (runner && runner.phase.value !== 'idle' && runner.phase.value !== 'done')
  const [needsFile] = columns.requiredFiles

  async function choose(file: File) {
    setStage({ name: 'reading', fileName: file.name })
    const read = await readBatchFile(file)
    const parsed =
      'text' in read
        ? await parseBatchCsv(read.text, {
            maxRows: MAX_BATCH_ROWS,
            columnCount: columns.fields.length,
          })
        : read
    // Checking 1,000 rows and drawing the first page of them are a task each, not one long one.
    await nextTask()
    const checked = 'problem' in parsed ? parsed : checkBatchRows(columns, parsed)
    await nextTask()
    if ('problem' in checked) setStage({ name: 'refused', problem: checked.problem })
    else if ('cellProblems' in checked) {
      setStage({ name: 'problems', cellProblems: checked.cellProblems })
    } else {
      const run = createBatchRowRun({ kind: props.kind, api: props.api })
      setStage({
        name: 'ready',
        fileName: file.name,
        runner: createBatchRunner({
          rows: checked.rows,
          concurrency: props.concurrency,
          runRow: run,
        }),
      })
    }
  }

  return (
    <section data-part="batch" aria-labelledby="chatskins-batch-intro">
      <p data-part="batch-intro" id="chatskins-batch-intro">
        {tb('batch.intro')}
      </p>
      {needsFile || columns.fields.length === 0 ? (
        <p data-part="batch-unavailable">
          {needsFile ? tb('batch.needsFile', { label: needsFile.label }) : tb('batch.noFields')}
        </p>
      ) : (
        <>
          <div data-part="batch-file">
            <button
              type="button"
              data-part="batch-template"
              onClick={() =>
                downloadText(`${props.endpointId}-batch-template.csv`, batchTemplateCsv(columns))
              }
            >
              {tb('batch.template')}
            </button>
            <label data-part="batch-upload" data-disabled={busy ? 'true' : undefined}>
              <span>{runner ? tb('batch.another') : tb('batch.choose')}</span>
              <input
                type="file"
                accept=".csv,text/csv"
                disabled={busy}
                onChange={(event) => {
                  const file = event.currentTarget.files?.[0]
                  // The same file chosen again (after fixing it) must fire change again.
                  event.currentTarget.value = ''
                  if (file) void choose(file)
                }}
              />
            </label>
          </div>
          <BatchStatus stage={stage} header={batchHeader(columns)} words={words} />
          {runner && (
            <>
              <BatchControls
                runner={runner}
                header={batchHeader(columns)}
                words={words}
                fileName={`${props.endpointId}-batch-results.csv`}
              />
              <BatchRowList runner={runner} words={words} />
            </>
          )}
        </>
      )}
    </section>
  )
}

/** What happened to the chosen file: being read, refused, its problems, or ready. */
function BatchStatus({
  stage,
  header,
  words,
}: {
  stage: Stage
  header: readonly string[]
  words: BatchWords
}) {
  const { tb } = words
  switch (stage.name) {
    case 'reading':
      return (
        <p data-part="batch-note" role="status">
          {tb('batch.reading', { name: stage.fileName })}
        </p>
      )
    case 'refused':
      return (
        <p data-part="batch-error" role="alert">
          {fileProblemText(stage.problem, header, words)}
        </p>
      )
    case 'problems':
      return <BatchCellProblems problems={stage.cellProblems} words={words} />
    case 'ready':
      return (
        <p data-part="batch-note" role="status">
          {tb('batch.ready', {
            count: stage.runner.rows.length.toLocaleString(),
            name: stage.fileName,
          })}
        </p>
      )
    default:
      return null
  }
}
