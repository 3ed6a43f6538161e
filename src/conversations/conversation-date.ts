const DAY_MS = 86_400_000

/**
 * When a conversation was last active, the way messengers list it, in the UI locale: the time
 * today, "yesterday", the weekday within a week, the month and day this year, else the full date.
 * Calendar days in the visitor's time zone, so "yesterday" means yesterday, not 24 hours ago.
 */
export function formatConversationDate(epochSeconds: number, now: Date, locale: string): string {
  const date = new Date(epochSeconds * 1000)
  const days = Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS)
  if (days <= 0) return format(locale, { hour: 'numeric', minute: '2-digit' }, date)
  if (days === 1) return relativeDays(locale).format(-1, 'day')
  if (days < 7) return format(locale, { weekday: 'long' }, date)
  if (date.getFullYear() === now.getFullYear()) {
    return format(locale, { month: 'short', day: 'numeric' }, date)
  }
  return format(locale, { dateStyle: 'medium' }, date)
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime()
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function format(locale: string, options: Intl.DateTimeFormatOptions, date: Date): string {
  const key = `${locale}|${JSON.stringify(options)}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options)
    formatters.set(key, formatter)
  }
  return formatter.format(date)
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>()

function relativeDays(locale: string): Intl.RelativeTimeFormat {
  let formatter = relativeFormatters.get(locale)
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
    relativeFormatters.set(locale, formatter)
  }
  return formatter
}
