import type { BatchDictionary } from './en.ts'

export const batchKo: BatchDictionary = {
  'batch.intro':
    'CSV 파일의 행마다 앱을 한 번씩 실행합니다. 템플릿을 내려받아 실행 한 번에 한 행씩 채운 뒤 올려 주세요.',
  'batch.template': 'CSV 템플릿 내려받기',
  'batch.choose': 'CSV 파일 선택',
  'batch.reading': '“{name}” 읽는 중…',
  'batch.ready': '“{name}”의 {count}개 행을 실행할 수 있습니다.',
  'batch.run': '{count}개 행 실행',
  'batch.stopAll': '모두 중지',
  'batch.stopping': '중지하는 중…',
  'batch.retry': '실패·중지된 행 다시 실행({count})',
  'batch.download': '결과 내려받기(CSV)',
  'batch.another': '다른 파일 선택',
  'batch.progress': '{total}개 행 중 {done}개 완료, {running}개 실행 중, {failed}개 실패',
  'batch.finished': '일괄 실행이 끝났습니다: 완료 {succeeded}, 실패 {failed}, 중지 {stopped}.',
  'batch.needsFile':
    '“{label}”에는 실행마다 파일이 필요한데, CSV 파일로는 전달할 수 없습니다. 한 번씩 실행해 주세요.',
  'batch.noFields': '이 앱은 입력을 받지 않으므로 일괄 실행의 모든 행이 같은 실행이 됩니다.',
  'batch.file.empty': '파일이 비어 있습니다. 템플릿에 실행 한 번에 한 행씩 채워 주세요.',
  'batch.file.tooBig': '파일이 너무 큽니다. 일괄 실행 파일은 최대 {max}MB입니다.',
  'batch.file.notCsv':
    'CSV 파일이 아닙니다. Excel에서 “CSV UTF-8”로 저장한 .csv 파일 등을 선택해 주세요.',
  'batch.file.notUtf8':
    '파일이 UTF-8 텍스트가 아닙니다. Excel에서 “CSV UTF-8(쉼표로 분리)”로 저장한 뒤 다시 올려 주세요.',
  'batch.file.unreadable': '파일을 읽을 수 없습니다. 다시 선택해 주세요.',
  'batch.file.noRows': '머리글만 있고 행이 없습니다. 그 아래에 실행 한 번에 한 행씩 추가해 주세요.',
  'batch.file.tooManyRows': '행이 {max}개를 넘습니다. {max}개 이하의 파일로 나누어 주세요.',
  'batch.file.badHeader': '첫 행에는 템플릿의 열 이름이 있어야 합니다: {expected}.',
  'batch.header.missing': '없는 열: {names}.',
  'batch.header.unknown': '이 앱에 없는 열: {names}.',
  'batch.header.repeated': '중복된 열: {names}.',
  'batch.problems':
    '아직 아무것도 실행하지 않았습니다. 파일에 문제가 {count}개 있습니다. 고친 뒤 다시 올려 주세요.',
  'batch.problem.row': '{row}행',
  'batch.problem.cellCount': '의 칸이 {found}개입니다(머리글은 {expected}개).',
  'batch.problem.notYesNo': 'yes 또는 no를 입력해 주세요.',
  'batch.rows': '일괄 실행 행',
  'batch.row': '{row}행',
  'batch.rowsShown': '{total}개 행 중 {from}–{to}행',
  'batch.previous': '이전 행',
  'batch.next': '다음 행',
  'batch.status.waiting': '대기 중',
  'batch.status.running': '실행 중',
  'batch.status.succeeded': '완료',
  'batch.status.failed': '실패',
  'batch.status.stopped': '중지됨',
  'batch.error.slowDown':
    '이 앱의 분당 실행 한도를 넘었습니다. 1분 뒤 실패한 행을 다시 실행해 주세요.',
  'batch.error.tooManyStreams':
    '동시에 실행할 수 있는 수를 넘었습니다. 다른 행이 끝난 뒤 이 행을 다시 실행해 주세요.',
  'batch.csv.result': '결과',
  'batch.csv.status': '상태',
  'batch.csv.error': '오류',
}
