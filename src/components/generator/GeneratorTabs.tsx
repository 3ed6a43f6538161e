import { useRef, useState } from 'preact/hooks'
import { useGenerator } from '../../generator/generator-context.ts'
import type { GeneratorTab } from './generator-tabs.ts'

/**
 * The side panel: a tab list (arrow keys move between tabs, as the ARIA tabs pattern has it) over
 * the chosen tab's panel. With one tab there is no list, only its panel.
 */
export function GeneratorTabs({ tabs }: { tabs: GeneratorTab[] }) {
  const { t } = useGenerator()
  const [selected, setSelected] = useState(tabs[0]?.id)
  const list = useRef<HTMLDivElement>(null)
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0]
  if (!current) return null
  const tabId = (id: string) => `chatskins-tab-${id}`
  const panelId = (id: string) => `chatskins-tabpanel-${id}`

  const onKeyDown = (event: KeyboardEvent) => {
    const at = tabs.findIndex((tab) => tab.id === current.id)
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -at, End: tabs.length - 1 - at }[event.key]
    if (step === undefined) return
    event.preventDefault()
    const next = tabs[(at + step + tabs.length) % tabs.length]!
    setSelected(next.id)
    list.current?.querySelector<HTMLElement>(`#${tabId(next.id)}`)?.focus()
  }

  return (
    <section data-part="generator-panel" aria-label={t('gen.form')}>
      {tabs.length > 1 && (
        <div
          ref={list}
          role="tablist"
          data-part="generator-tabs"
          aria-label={t('gen.tabs')}
          onKeyDown={onKeyDown}
        >
          {tabs.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              data-part="generator-tab"
              aria-selected={tab.id === current.id}
              aria-controls={panelId(tab.id)}
              tabIndex={tab.id === current.id ? 0 : -1}
              onClick={() => setSelected(tab.id)}
            >
              {t(tab.label)}
            </button>
          ))}
        </div>
      )}
      <div
        data-part="generator-tabpanel"
        data-tab={current.id}
        {...(tabs.length > 1
          ? { role: 'tabpanel', id: panelId(current.id), 'aria-labelledby': tabId(current.id) }
          : {})}
      >
        <current.Panel />
      </div>
    </section>
  )
}
