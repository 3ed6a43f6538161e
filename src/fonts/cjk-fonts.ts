/** Which shipped CJK font stylesheet (dist/client/fonts/<id>.css) a piece of text needs. */
export type CjkFont = 'kr' | 'jp' | 'sc' | 'tc'

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
 * Links a font stylesheet the first time its script appears anywhere in `root`: the page's
 * strings, the bot name, answers as they stream. A page in English that never shows CJK text
 * fetches no CJK font at all.
 */
export function watchCjkFonts(root: Element, locale: string, doc: Document = document): () => void {
  const linked = new Set<CjkFont>()
  const link = (text: string) => {
    for (const font of cjkFontsFor(text, locale)) {
      if (linked.has(font)) continue
      linked.add(font)
      const element = doc.createElement('link')
      element.rel = 'stylesheet'
      element.href = `/fonts/${font}.css`
      doc.head.append(element)
    }
  }
  link(`${doc.title} ${root.textContent ?? ''}`)
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') link(record.target.textContent ?? '')
      for (const node of record.addedNodes) link(node.textContent ?? '')
    }
  })
  observer.observe(root, { childList: true, characterData: true, subtree: true })
  return () => observer.disconnect()
}
