import { writeFileSync } from 'node:fs'
import { format, resolveConfig } from 'prettier'

/** One measured number; timings also carry the same-run baseline they are compared with. */
export interface Row {
  label: string
  value: number | null
  unit: string
  /** A same-run baseline for a timing: what the value is divided by. */
  baseline?: { label: string; value: number }
  /** value / baseline.value, filled in by `row()`. */
  ratio?: number
  /** Human-readable target, e.g. `≤ 30 KB`. */
  target?: string
  /** Whether the target is met; absent when there is no target. */
  met?: boolean
  note?: string
}

export interface Section {
  id: string
  title: string
  rows: Row[]
  /** Caveats, and for every missed target: by how much and why. */
  notes: string[]
  /** Everything else worth keeping (samples, per-run values). */
  details?: unknown
}

export function row(fields: Row): Row {
  const { baseline, value } = fields
  if (baseline && value !== null && baseline.value > 0) {
    return { ...fields, ratio: value / baseline.value }
  }
  return fields
}

export function formatValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return 'n/a'
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  return `${value.toFixed(digits)} ${unit}`.trim()
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length))
}

/** The sections as fixed-width text tables, one per section, with the notes below each. */
export function formatTables(sections: readonly Section[]): string {
  const out: string[] = []
  for (const section of sections) {
    const header = ['measurement', 'value', 'baseline', 'ratio', 'target', '']
    const lines = section.rows.map((r) => [
      r.label,
      formatValue(r.value, r.unit),
      r.baseline ? `${formatValue(r.baseline.value, r.unit)} (${r.baseline.label})` : '',
      r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
      r.target ?? '',
      r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
    ])
    const widths = header.map((h, i) =>
      Math.max(h.length, ...lines.map((line) => [...(line[i] ?? '')].length)),
    )
    const render = (cells: string[]) =>
      cells
        .map((cell, i) => pad(cell, widths[i] ?? 0))
        .join('  ')
        .trimEnd()
    out.push('', `== ${section.title} ==`, render(header))
    out.push(widths.map((w) => '-'.repeat(w)).join('  '))
    for (const line of lines) out.push(render(line))
    for (const r of section.rows) if (r.note) out.push(`  · ${r.label}: ${r.note}`)
    for (const note of section.notes) out.push(`  * ${note}`)
  }
  return out.join('\n')
}

export interface Results {
  startedAt: string
  durationMs: number
  machine: Record<string, unknown>
  sections: Section[]
}

/** Writes the results as JSON, formatted as the repository's Prettier would. */
export async function writeResults(path: string, results: Results): Promise<void> {
  const options = (await resolveConfig(path)) ?? {}
  writeFileSync(path, await format(JSON.stringify(results), { ...options, parser: 'json' }))
}
