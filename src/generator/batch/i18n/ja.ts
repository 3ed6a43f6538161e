import type { BatchDictionary } from './en.ts'

export const batchJa: BatchDictionary = {
  'batch.intro':
    'CSV ファイルの 1 行ごとにアプリを 1 回実行します。テンプレートをダウンロードし、1 回分を 1 行に記入してアップロードしてください。',
  'batch.template': 'CSV テンプレートをダウンロード',
  'batch.choose': 'CSV ファイルを選択',
  'batch.reading': '「{name}」を読み込んでいます…',
  'batch.ready': '「{name}」の {count} 行を実行できます。',
  'batch.run': '{count} 行を実行',
  'batch.stopAll': 'すべて停止',
  'batch.stopping': '停止しています…',
  'batch.retry': '失敗・停止した行を再実行（{count}）',
  'batch.download': '結果をダウンロード（CSV）',
  'batch.another': '別のファイルを選択',
  'batch.progress': '{total} 行中 {done} 行完了、{running} 行実行中、{failed} 行失敗',
  'batch.finished': 'バッチが終了しました：完了 {succeeded}、失敗 {failed}、停止 {stopped}。',
  'batch.needsFile':
    '「{label}」には実行ごとにファイルが必要ですが、CSV ファイルでは渡せません。1 回ずつ実行してください。',
  'batch.noFields': 'このアプリには入力がないため、バッチのどの行も同じ実行になります。',
  'batch.file.empty': 'ファイルが空です。テンプレートに 1 回分を 1 行ずつ記入してください。',
  'batch.file.tooBig': 'ファイルが大きすぎます。バッチ用ファイルは {max} MB までです。',
  'batch.file.notCsv':
    'CSV ファイルではありません。Excel で「CSV UTF-8」として保存した .csv ファイルなどを選んでください。',
  'batch.file.notUtf8':
    'ファイルが UTF-8 のテキストではありません。Excel で「CSV UTF-8 (コンマ区切り)」として保存し、もう一度アップロードしてください。',
  'batch.file.unreadable': 'ファイルを読み込めませんでした。もう一度選んでください。',
  'batch.file.noRows': 'ヘッダーだけで行がありません。その下に 1 回分を 1 行ずつ追加してください。',
  'batch.file.tooManyRows':
    '行数が {max} 行を超えています。{max} 行以下のファイルに分けてください。',
  'batch.file.badHeader': '1 行目にはテンプレートの列名を書いてください：{expected}。',
  'batch.header.missing': '不足：{names}。',
  'batch.header.unknown': 'このアプリにない列：{names}。',
  'batch.header.repeated': '重複：{names}。',
  'batch.problems':
    'まだ何も実行していません：ファイルに {count} 件の問題があります。修正してもう一度アップロードしてください。',
  'batch.problem.row': '{row} 行目',
  'batch.problem.cellCount': 'のセル数が {found} 個です（ヘッダーは {expected} 個）。',
  'batch.problem.notYesNo': 'yes か no を入力してください。',
  'batch.rows': 'バッチの行',
  'batch.row': '{row} 行目',
  'batch.rowsShown': '{total} 行中 {from}〜{to} 行目',
  'batch.previous': '前の行',
  'batch.next': '次の行',
  'batch.status.waiting': '待機中',
  'batch.status.running': '実行中',
  'batch.status.succeeded': '完了',
  'batch.status.failed': '失敗',
  'batch.status.stopped': '停止',
  'batch.error.slowDown':
    'このアプリの 1 分あたりの実行回数の上限を超えました。1 分待ってから失敗した行を再実行してください。',
  'batch.error.tooManyStreams':
    '同時に実行できる数を超えました。ほかの行が終わってからこの行を再実行してください。',
  'batch.csv.result': '結果',
  'batch.csv.status': '状態',
  'batch.csv.error': 'エラー',
}
