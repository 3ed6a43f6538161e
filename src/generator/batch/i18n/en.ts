/** The batch panel's strings, loaded with the panel; other locales must match these keys. */
export const batchEn = {
  'batch.intro':
    'Run the app once for each row of a CSV file. Download the template, fill in one row per run, then upload it.',
  'batch.template': 'Download the CSV template',
  'batch.choose': 'Choose a CSV file',
  'batch.reading': 'Reading “{name}”…',
  'batch.ready': '{count} rows from “{name}” are ready to run.',
  'batch.run': 'Run {count} rows',
  'batch.stopAll': 'Stop all',
  'batch.stopping': 'Stopping…',
  'batch.retry': 'Retry failed and stopped rows ({count})',
  'batch.download': 'Download the results (CSV)',
  'batch.another': 'Choose another file',
  'batch.progress': '{done} of {total} rows done, {running} running, {failed} failed',
  'batch.finished': 'Batch finished: {succeeded} done, {failed} failed, {stopped} stopped.',
  'batch.needsFile':
    '“{label}” needs a file for each run, which a CSV file can’t carry. Run the app one at a time instead.',
  'batch.noFields': 'This app takes no input, so every row of a batch would be the same run.',
  'batch.file.empty': 'The file is empty. Fill in the template with one row per run.',
  'batch.file.tooBig': 'The file is too big. A batch file can be up to {max} MB.',
  'batch.file.notCsv':
    'This is not a CSV file. Choose a .csv file, for example one saved from Excel as “CSV UTF-8”.',
  'batch.file.notUtf8':
    'The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (Comma delimited)” and upload it again.',
  'batch.file.unreadable': 'The file could not be read. Choose it again.',
  'batch.file.noRows': 'The file has a header but no rows. Add one row per run below it.',
  'batch.file.tooManyRows':
    'The file has more than {max} rows. Split it into files of up to {max} rows.',
  'batch.file.badHeader': 'The first row must name the template’s columns: {expected}.',
  'batch.header.missing': 'Missing: {names}.',
  'batch.header.unknown': 'Not in this app: {names}.',
  'batch.header.repeated': 'More than once: {names}.',
  'batch.problems':
    'Nothing has run: the file has {count} problems. Correct them and upload the file again.',
  'batch.problem.row': 'Row {row}',
  'batch.problem.cellCount': 'has {found} cells, the header has {expected}.',
  'batch.problem.notYesNo': 'Enter yes or no.',
  'batch.rows': 'Rows of the batch',
  'batch.row': 'Row {row}',
  'batch.rowsShown': 'Rows {from}–{to} of {total}',
  'batch.previous': 'Previous rows',
  'batch.next': 'Next rows',
  'batch.status.waiting': 'Waiting',
  'batch.status.running': 'Running',
  'batch.status.succeeded': 'Done',
  'batch.status.failed': 'Failed',
  'batch.status.stopped': 'Stopped',
  'batch.error.slowDown':
    'Over this app’s limit of runs per minute. Wait a minute, then retry the failed rows.',
  'batch.error.tooManyStreams':
    'Too many runs at once. Retry this row when the others have finished.',
  'batch.csv.result': 'result',
  'batch.csv.status': 'status',
  'batch.csv.error': 'error',
}

export type BatchMessageKey = keyof typeof batchEn
export type BatchDictionary = Readonly<Record<BatchMessageKey, string>>
