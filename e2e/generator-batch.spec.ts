import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import Papa from 'papaparse'

/**
 * Batch runs on a text generator page (docs/app-types.md#batch-runs), against the test fake's
 * completion app (`topic` required, `tone` a select) over real HTTP, in one theme. Fault
 * directives in a row's topic make that row fail the way Dify fails.
 */
const ENDPOINT = '/batch-writer/'

function batchPage(page: Page) {
  const runs: string[] = []
  const stops: string[] = []
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname
    if (request.method() !== 'POST') return
    if (path.endsWith('/run')) runs.push(String(request.postDataJSON()?.inputs?.topic))
    if (/\/api\/completion-messages\/[^/]+\/stop$/.test(path)) stops.push(path)
  })
  const upload = page.locator('[data-part="batch-upload"] input')
  return {
    runs,
    stops,
    controls: page.locator('[data-part="batch-controls"]'),
    rows: page.locator('[data-part="batch-row"]'),
    alert: page.locator('[data-part="batch"] [role="alert"]'),
    async open() {
      await page.goto(ENDPOINT)
      await page.locator('#chatskins-tab-batch').click()
      await expect(upload).toBeAttached()
    },
    choose(name: string, content: string | Buffer, mimeType = 'text/csv') {
      return upload.setInputFiles({ name, mimeType, buffer: Buffer.from(content) })
    },
    async download(button: string) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`[data-part="${button}"]`).click(),
      ])
      const path = await download.path()
      const { readFile } = await import('node:fs/promises')
      return { name: download.suggestedFilename(), bytes: await readFile(path) }
    },
  }
}

const csvOf = (rows: string[][]) => Papa.unparse([['topic', 'tone'], ...rows])
const BOM = Buffer.from([0xef, 0xbb, 0xbf])

test('a batch of 20 rows with 2 failing: live rows, retry, results as CSV with a BOM', async ({
  page,
}) => {
  const batch = batchPage(page)
  await batch.open()

  const template = await batch.download('batch-template')
  expect(template.name).toBe('batch-writer-batch-template.csv')
  expect(template.bytes.subarray(0, 3)).toEqual(BOM)
  expect(template.bytes.subarray(3).toString('utf8')).toBe('topic,tone')

  const topics = Array.from({ length: 20 }, (_, index) => `Topic ${index + 1} 猫`)
  topics[4] = '[[http=500]] Topic 5'
  topics[11] = '[[error-event=500]] Topic 12'
  await batch.choose(
    'topics.csv',
    '\ufeff' + csvOf(topics.map((topic, index) => [topic, index % 2 ? 'Formal' : ''])),
  )
  await expect(page.locator('[data-part="batch-note"]')).toContainText('20 rows')
  await expect(batch.rows).toHaveCount(20)
  expect(batch.runs).toEqual([])

  await page.locator('[data-part="batch-run"]').click()
  await expect(batch.rows.locator('[data-part="batch-row-status"]').first()).not.toHaveText(
    'Waiting',
  )
  await expect(batch.controls).toHaveAttribute('data-phase', 'done', { timeout: 60_000 })
  expect(batch.runs).toHaveLength(20)
  await expect(page.locator('[data-part="batch-progress"]')).toContainText(
    '20 of 20 rows done, 0 running, 2 failed',
  )
  await expect(batch.rows.and(page.locator('[data-status="succeeded"]'))).toHaveCount(18)
  const failed = batch.rows.and(page.locator('[data-status="failed"]'))
  await expect(failed).toHaveCount(2)
  await expect(failed.nth(0)).toContainText('Row 6')
  await expect(failed.nth(1)).toContainText('Row 13')
  for (const row of await failed.all()) {
    await expect(row.locator('[data-part="batch-row-error"]')).toHaveText(/\w.*\./)
  }
  await expect(batch.rows.nth(0).locator('summary')).toContainText('Topic 1 猫')

  const axe = await new AxeBuilder({ page }).include('[data-part="batch"]').analyze()
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => v.id)).toEqual([])
  await page.screenshot({ path: 'test-results/screenshots/batch-done.png', fullPage: true })

  await page.locator('[data-part="batch-retry"]').click()
  await expect(batch.controls).toHaveAttribute('data-phase', 'done', { timeout: 30_000 })
  // Only the two failed rows ran again; the others kept their results.
  expect(batch.runs.slice(20)).toEqual([topics[4], topics[11]])
  await expect(batch.rows.and(page.locator('[data-status="succeeded"]'))).toHaveCount(18)

  const results = await batch.download('batch-download')
  expect(results.name).toBe('batch-writer-batch-results.csv')
  expect(results.bytes.subarray(0, 3)).toEqual(BOM)
  const table = Papa.parse<string[]>(results.bytes.subarray(3).toString('utf8')).data
  expect(table[0]).toEqual(['topic', 'tone', 'result', 'status', 'error'])
  expect(table).toHaveLength(21)
  expect(table[1]).toEqual([
    'Topic 1 猫',
    '',
    expect.stringContaining('**Topic 1 猫**'),
    'Done',
    '',
  ])
  expect(table[2]![1]).toBe('Formal')
  expect(table.filter((line) => line[3] === 'Done')).toHaveLength(18)
  for (const line of [table[5]!, table[12]!]) {
    expect(line[3]).toBe('Failed')
    expect(line[4]).not.toBe('')
  }
})

test('Stop all stops the running rows through the stop route and leaves the rest unrun', async ({
  page,
}) => {
  const batch = batchPage(page)
  await batch.open()
  const topics = Array.from({ length: 6 }, (_, index) => [`[[slow=150]] Slow ${index + 1}`, ''])
  await batch.choose('slow.csv', csvOf(topics))
  await page.locator('[data-part="batch-run"]').click()
  const running = batch.rows.and(page.locator('[data-status="running"]'))
  await expect(running).toHaveCount(3)
  // Each running row has streamed, so its task id is known.
  for (const row of await running.all()) {
    await expect(row.locator('[data-part="batch-row-result"]')).not.toBeEmpty()
  }
  await page.locator('[data-part="batch-stop"]').click()
  await expect(batch.controls).toHaveAttribute('data-phase', 'done')
  await expect(batch.rows.and(page.locator('[data-status="stopped"]'))).toHaveCount(6)
  expect(batch.runs).toHaveLength(3)
  expect(batch.stops).toHaveLength(3)
  await expect(page.locator('[data-part="batch-retry"]')).toHaveText(
    'Retry failed and stopped rows (6)',
  )
})

test('a bad CSV gets one clear message, and nothing runs', async ({ page }) => {
  const batch = batchPage(page)
  await batch.open()
  const refused = async (name: string, content: string | Buffer, message: RegExp | string) => {
    await batch.choose(name, content)
    await expect(batch.alert).toContainText(message)
    await expect(page.locator('[data-part="batch-run"]')).toHaveCount(0)
  }

  await refused(
    'header.csv',
    'subject,tone,tone\nCats,Formal,Formal\n',
    'Missing: "topic". Not in this app: "subject". More than once: "tone".',
  )
  await refused('empty.csv', '', 'The file is empty.')
  await refused('blank.csv', '\ufeff\r\n\r\n', 'The file is empty.')
  await refused('header-only.csv', 'topic,tone\r\n', 'has a header but no rows')
  await refused('sheet.xlsx', 'topic,tone\nCats,\n', 'This is not a CSV file.')
  await refused('binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'not a CSV')
  // "日本" in Shift_JIS, as Excel's plain "CSV" writes it on a Japanese Windows.
  await refused('sjis.csv', Buffer.from([0x93, 0xfa, 0x96, 0x7b]), 'not UTF-8')
  const many = csvOf(Array.from({ length: 1001 }, (_, index) => [`T${index}`, '']))
  await refused('many.csv', many, 'more than 1,000 rows')
  await refused('big.csv', `topic,tone\n"${'x'.repeat(5 * 1024 * 1024)}",\n`, 'too big')

  await batch.choose(
    'cells.csv',
    csvOf([
      ['', 'Loud'],
      ['Fine', 'Formal'],
      ['x'.repeat(201), ''],
    ]),
  )
  await expect(batch.alert).toContainText('the file has 3 problems')
  const problems = page.locator('[data-part="batch-problem"]')
  await expect(problems).toHaveText([
    'Row 2 topic: Please fill this in. tone: Choose one of the options.',
    'Row 4 topic: Use at most 200 characters.',
  ])
  expect(batch.runs).toEqual([])
})
