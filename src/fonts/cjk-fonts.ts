import type { CjkFont } from './cjk-faces.ts'

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af]/
const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/

/** Han characters are drawn in the style of the page's language; Chinese defaults to Simplified. */
const HAN_FONT_BY_LOCALE: Record<string, CjkFont> = { ja: 'jp', ko: 'kr', 'zh-Hant': 'tc' }

export function cjkFontsFor(text: string, locale: string): CjkFont[] {
  const fonts = new Set<CjkFont>()
  if (HANGUL.test(text)) fonts.add('kr')
  if (KANA.test(text)) fonts.add('jp')
  if (HAN.test(text)) fonts.add(HAN_FONT_BY_LOCALE[locale] ?? 'sc')
  return [...fonts]
}

/**
 * Loads a CJK font the first time its script appears anywhere in `root`: the page's strings, the
 * bot name, answers as they stream, what the visitor types. A page in English that never shows
 * CJK text fetches no CJK font at all, and a page that does registers only the slices its text
 * uses (`./cjk-faces.ts`, loaded then).
 */
export function watchCjkFonts(root: Element, locale: string, doc: Document = document): () => void {
  let faces: Promise<{ show(text: string, needed: readonly CjkFont[]): void }> | undefined
  const pageText = () => `${doc.title} ${root.textContent ?? ''} ${fieldText(root)}`
  const show = (text: string) => {
    const needed = cjkFontsFor(text, locale)
    if (!faces && needed.length === 0) return
    faces ??= import('./cjk-faces.ts').then(({ createCjkFaces }) =>
      createCjkFaces({ fonts: doc.fonts, pageText }),
    )
    void faces.then((registry) => registry.show(text, needed))
  }
  show(pageText())
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') show(record.target.textContent ?? '')
      else if (record.type === 'attributes') show(fieldText(record.target))
      for (const node of record.addedNodes) show(`${node.textContent ?? ''} ${fieldText(node)}`)
    }
  })
  observer.observe(root, {
    childList: true,
    characterData: true,
    subtree: true,
    attributeFilter: ['placeholder'],
  })
  // Typed text is in no DOM node.
  const typed = (event: Event) =>
    show((event.target as { value?: unknown }).value?.toString() ?? '')
  root.addEventListener('input', typed)
  return () => {
    observer.disconnect()
    root.removeEventListener('input', typed)
  }
}

/** Placeholders and the values of the fields under `node`, which its text leaves out. */
function fieldText(node: Node): string {
  if (!(node instanceof Element)) return ''
  const fields = [node, ...node.querySelectorAll('input, textarea')]
  return fields
    .map((field) =>
      field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement
        ? `${field.placeholder} ${field.value}`
        : '',
    )
    .join(' ')
}
