import type { ComponentType } from 'preact'
import type { GeneratorKind } from '../../api/run-api.ts'
import type { GeneratorKey } from '../../i18n/generator/generator-en.ts'
import { BatchTab } from '../batch/BatchTab.tsx'
import { RunPanel } from './RunPanel.tsx'
import { SavedPanel } from './SavedPanel.tsx'

/** One tab of the generator's side panel: its label and what it shows. */
export interface GeneratorTab {
  id: string
  label: GeneratorKey
  Panel: ComponentType
}

/**
 * The side panel's tabs for an app type. Another way to run (batch runs) is one more entry here,
 * its panel best loaded lazily (lazyModule) since most visitors never open it.
 */
export function generatorTabs(kind: GeneratorKind): GeneratorTab[] {
  return [
    { id: 'run', label: 'gen.tab.run', Panel: RunPanel },
    // Dify's WebApp keeps saved results for text generators only; a workflow's runs are its own.
    ...(kind === 'completion'
      ? [{ id: 'saved', label: 'gen.tab.saved', Panel: SavedPanel } satisfies GeneratorTab]
      : []),
    { id: 'batch', label: 'gen.tab.batch', Panel: BatchTab },
  ]
}
