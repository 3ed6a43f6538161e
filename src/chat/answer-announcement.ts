/** Longer answers are announced as a lead (first sentence and length); the log holds the rest. */
export const LONG_ANSWER_CHARS = 280
/** A first sentence longer than this is cut at a word boundary. */
const LEAD_MAX_CHARS = 160

export type AnswerAnnouncement =
  { long: false; text: string } | { long: true; lead: string; count: string }

/**
 * What the live region says for a finished answer, from its rendered text (the answer's
 * `innerText`: no markdown syntax): the whole text when short, else its first sentence and its
 * length in characters, formatted for `locale`.
 */
export function announceAnswer(rendered: string, locale: string): AnswerAnnouncement {
  const text = rendered.replace(/\s+/g, ' ').trim()
  const length = Array.from(text).length
  if (length <= LONG_ANSWER_CHARS) return { long: false, text }
  return {
    long: true,
    lead: cutAtWord(firstSentence(text, locale), LEAD_MAX_CHARS),
    count: new Intl.NumberFormat(locale).format(length),
  }
}

function firstSentence(text: string, locale: string): string {
  const segments = new Intl.Segmenter(locale, { granularity: 'sentence' }).segment(text)
  for (const { segment } of segments) return segment.trim()
  return text
}

function cutAtWord(text: string, max: number): string {
  const chars = Array.from(text)
  if (chars.length <= max) return text
  const cut = chars.slice(0, max).join('')
  const space = cut.lastIndexOf(' ')
  return (space > max / 2 ? cut.slice(0, space) : cut).trim()
}
