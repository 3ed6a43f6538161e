import type { BatchCellProblem } from '../../generator/batch/batch-problems.ts'
import { cellProblemText, type BatchWords } from '../../generator/batch/batch-text.ts'

/** Every problem of the file, one line per row, each cell named by its column. */
export function BatchCellProblems({
  problems,
  words,
}: {
  problems: readonly BatchCellProblem[]
  words: BatchWords
}) {
  const { tb } = words
  const byRow = new Map<number, BatchCellProblem[]>()
  for (const problem of problems)
    byRow.set(problem.row, [...(byRow.get(problem.row) ?? []), problem])
  return (
    <div data-part="batch-problems" role="alert">
      <p data-part="batch-error">
        {tb('batch.problems', { count: problems.length.toLocaleString() })}
      </p>
      <ul data-part="batch-problem-list">
        {[...byRow].map(([row, cells]) => (
          <li key={row} data-part="batch-problem">
            <strong>{tb('batch.problem.row', { row: String(row) })}</strong>{' '}
            {cells
              .map(({ column, problem }) =>
                column === undefined
                  ? cellProblemText(problem, words)
                  : `${column}: ${cellProblemText(problem, words)}`,
              )
              .join(' ')}
          </li>
        ))}
      </ul>
    </div>
  )
}
