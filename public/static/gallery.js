// The gallery's switches and copy buttons (server/gallery/gallery-page.ts renders the page).
const root = document.documentElement
const form = document.querySelector('.switches')
const labels = JSON.parse(document.getElementById('gallery-labels').textContent)
const previews = () => document.querySelectorAll('.card-preview')

root.classList.add('js')

// The shipped CJK fonts, as no system has them all: the gallery always shows the locales' own
// names and may show bot names and its words in any of them. Linked here, they don't hold up the
// first paint; each face downloads only the subsets of the characters on the page.
for (const font of ['kr', 'jp', 'sc', 'tc']) {
  const link = document.createElement('link')
  link.rel = 'stylesheet'
  link.href = `/fonts/${font}.css`
  document.head.append(link)
}

/** Every label in the gallery's words for `locale`: text, or the attribute it names. */
function relabel(locale) {
  const words = labels[locale]
  root.lang = locale
  for (const element of document.querySelectorAll('[data-label]')) {
    const text = words[element.dataset.label].replace('{name}', element.dataset.name ?? '')
    if (element.dataset.labelAttr) element.setAttribute(element.dataset.labelAttr, text)
    else element.textContent = text
  }
}

/** Scales each preview's frame (a phone's or a desktop's width) down to its card. */
const fit = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    const frame = target.querySelector('iframe')
    if (frame.offsetWidth > 0) {
      target.style.setProperty('--fit', String(target.clientWidth / frame.offsetWidth))
    }
  }
})
for (const preview of previews()) fit.observe(preview)

/** Each preview is a whole client: it loads only when its card comes near the screen. */
const load = new IntersectionObserver(
  (entries) => {
    for (const { target, isIntersecting } of entries) {
      if (!isIntersecting) continue
      const iframe = target.querySelector('iframe')
      iframe.src = iframe.dataset.src
      load.unobserve(target)
    }
  },
  { rootMargin: '200px' },
)
for (const preview of previews()) load.observe(preview)

/** The switches' state goes to every preview (a scheme or language change reloads a loaded one) and the URL. */
function apply() {
  const choice = new FormData(form)
  const scheme = choice.get('scheme')
  const locale = choice.get('locale')
  const frame = choice.get('frame')
  root.dataset.scheme = scheme
  root.dataset.frame = frame
  if (locale) relabel(locale)
  for (const preview of previews()) {
    // Observed afresh, it is measured again at its new frame width.
    fit.unobserve(preview)
    fit.observe(preview)
    const iframe = preview.querySelector('iframe')
    const url = new URL(iframe.dataset.src, location.href)
    url.searchParams.set('scheme', scheme)
    if (locale) url.searchParams.set('locale', locale)
    else url.searchParams.delete('locale')
    const next = url.pathname + url.search
    if (next === iframe.dataset.src) continue
    iframe.dataset.src = next
    if (iframe.hasAttribute('src')) iframe.src = next
  }
  const query = new URLSearchParams({ scheme, frame })
  if (locale) query.set('locale', locale)
  history.replaceState(null, '', `?${query}`)
}

form.addEventListener('change', apply)
form.addEventListener('submit', (event) => {
  event.preventDefault()
  apply()
})

// Each copy button copies the snippet of its own section: the config, or the embed tag.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]')
  if (!button) return
  const code = button.closest('details').querySelector('code').textContent
  const words = labels[root.lang] ?? labels.en
  try {
    await navigator.clipboard.writeText(code)
    button.textContent = words.copied
  } catch {
    button.textContent = words.copyFailed
  }
})
